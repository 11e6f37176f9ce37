import { test, expect, hydrated } from "./fixtures";

test("switching to English gives LTR and survives a reload, and back", async ({ page }) => {
  await page.goto("/categories/design?sort=best-selling");
  await hydrated(page);
  await page.getByTestId("lang-switch").click();
  // Back on the same page, now in English, left to right.
  await expect(page).toHaveURL(/\/categories\/design\?sort=best-selling$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await expect(page.getByTestId("category-title")).toHaveText("Design");
  await expect(page.getByTestId("sort-best-selling")).toHaveText("Best selling");

  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Get things done with services from $5");

  await hydrated(page);
  await page.getByTestId("lang-switch").click();
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("أنجز أعمالك بخدمات تبدأ من 5 دولارات");
});

test("counts use the Arabic plural forms", async ({ page }) => {
  await page.goto("/categories/design");
  // 13 services in the demo's design category: the "many" form (11–99) is "خدمة".
  await expect(page.getByTestId("category-count")).toHaveText(/^\u2068?13\u2069? خدمة$/);
  await page.goto("/categories/logo-design");
  // Three services: the "few" form (3–10) is "خدمات".
  await expect(page.getByTestId("category-count")).toHaveText(/^\u2068?3\u2069? خدمات$/);
});

test("a page fetches only its own language's messages, and pages drawn in the browser use them", async ({ page }) => {
  const catalogs: string[] = [];
  page.on("request", (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith("/i18n/")) catalogs.push(path);
  });
  await page.goto("/");
  await hydrated(page);
  expect(catalogs).toHaveLength(1);
  expect(catalogs[0]).toMatch(/^\/i18n\/ar\.[0-9a-f]{16}\.json$/);

  // A client-side move: the islands router patches the category page in, with no reload.
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await page.getByTestId("category-tile").filter({ hasText: "التصميم" }).click();
  await expect(page).toHaveURL(/\/categories\/design$/);
  await expect(page.getByTestId("category-count")).toHaveText(/^\u2068?13\u2069? خدمة$/);
  await expect(page.getByTestId("sort-best-selling")).toHaveText("الأكثر مبيعًا");
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);

  await page.getByTestId("lang-switch").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await hydrated(page);
  expect(catalogs).toHaveLength(2);
  expect(catalogs[1]).toMatch(/^\/i18n\/en\.[0-9a-f]{16}\.json$/);
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await page.getByTestId("logo").click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Get things done with services from $5");
  await expect(page.getByTestId("category-tile").first()).toContainText(/\u2068?\d+\u2069? services?$/);
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
});

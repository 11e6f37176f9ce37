import { test, expect, plain, hydrated, openLogoService } from "./fixtures";

test("the home page is Arabic, right to left, with the seven categories", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("أنجز أعمالك بخدمات تبدأ من 5 دولارات");
  await expect(page.getByTestId("category-tile")).toHaveCount(7);
  await expect(page.getByTestId("home-newest").getByTestId("service-card")).toHaveCount(8);
  // Right to left for real: the logo sits at the inline start, i.e. on the right.
  const logo = await page.getByTestId("logo").boundingBox();
  const width = page.viewportSize()!.width;
  expect(logo!.x).toBeGreaterThan(width / 2);
  await hydrated(page);
});

test("a visitor goes from the home page to a category and to a service", async ({ page }) => {
  await page.goto("/");
  await hydrated(page);
  await page.getByTestId("category-tile").filter({ hasText: "التصميم" }).click();
  await expect(page).toHaveURL(/\/categories\/design$/);
  await expect(page.getByTestId("category-title")).toHaveText("التصميم");
  await expect(page.getByTestId("subcategory")).toHaveCount(6);
  const first = page.getByTestId("service-card").first();
  const title = plain(await first.locator("h3").textContent());
  await first.locator("h3 a").click();
  await expect(page).toHaveURL(/\/services\/\d+$/);
  await expect(page.getByTestId("service-title")).toHaveText(title);
  await expect(page.getByTestId("seller-card")).toBeVisible();
});

test("sorting and pagination are links that keep their state in the URL", async ({ page }) => {
  await page.goto("/categories/design");
  await hydrated(page);
  await page.getByTestId("sort-top-rated").click();
  await expect(page).toHaveURL(/sort=top-rated/);
  await expect(page.getByTestId("sort-top-rated")).toHaveAttribute("aria-current", "true");
  const titles = page.getByTestId("service-card").locator("h3");
  const firstPage = await titles.allTextContents();
  await page.getByTestId("page-next").click();
  await expect(page).toHaveURL(/sort=top-rated&page=2/);
  // Client-side navigation: the islands router fetches the next page and patches it in;
  // wait for the second page's cards, not for the moment before they are there.
  await expect
    .poll(async () => {
      const shown = await titles.allTextContents();
      return shown.length > 0 && shown.join("|") !== firstPage.join("|");
    })
    .toBe(true);
  const secondPage = await titles.allTextContents();
  expect(secondPage.length).toBeGreaterThan(0);
  expect(secondPage.filter((t) => firstPage.includes(t))).toEqual([]);
  await page.reload();
  await expect(page.getByTestId("sort-top-rated")).toHaveAttribute("aria-current", "true");
});

test("ticking upgrades and changing the quantity update the total and delivery at once", async ({ page }) => {
  await openLogoService(page);
  await hydrated(page);
  const total = page.getByTestId("order-total");
  const days = page.getByTestId("order-days");
  await expect(total).toHaveText("$25.00");
  expect(plain(await days.textContent())).toBe("3 أيام");

  const upgrade = (title: string) => page.locator("label.upgrade", { hasText: title }).locator("input");
  await upgrade("ملفات المصدر AI وEPS").check(); // +$10, +0 days
  await expect(total).toHaveText("$35.00");
  await upgrade("مقترحان إضافيان").check(); // +$15, +2 days
  await expect(total).toHaveText("$50.00");
  await expect(days).toHaveText(/^\u2068?5\u2069? أيام$/);

  await page.getByTestId("quantity").selectOption("3");
  await expect(total).toHaveText("$150.00");

  await upgrade("ملفات المصدر AI وEPS").uncheck();
  await expect(total).toHaveText("$120.00");
  await upgrade("تصميم بطاقة عمل بالشعار").check(); // +$10, +1 day
  await expect(total).toHaveText("$150.00");
  await expect(days).toHaveText(/^\u2068?6\u2069? أيام$/);
  await page.getByTestId("quantity").selectOption("10");
  await expect(total).toHaveText("$500.00");
});

test("a seller's public page lists their services and reviews", async ({ page }) => {
  await page.goto("/sellers/ahmad.designs");
  await expect(page.getByTestId("seller-name")).toHaveText("أحمد الخطيب");
  await expect(page.getByTestId("seller-services").getByTestId("service-card").first()).toBeVisible();
  await expect(page.getByTestId("review").first()).toBeVisible();
  await hydrated(page);
});

test.describe("missing pages", () => {
  // The browser itself logs the 404 status of the document it was asked to load.
  test.use({ expectedErrors: [/status of 404/] });

  test("an unknown address shows the Arabic 404 page with status 404", async ({ page }) => {
    const response = await page.goto("/services/999999");
    expect(response?.status()).toBe(404);
    await expect(page.getByTestId("not-found")).toContainText("الصفحة غير موجودة");
    const other = await page.goto("/no/such/page");
    expect(other?.status()).toBe(404);
    await expect(page.getByTestId("not-found")).toBeVisible();
  });
});

test("the service page's main image loads first and every image has its size", async ({ page }) => {
  await openLogoService(page);
  const main = page.getByTestId("gallery-main");
  await expect(main).toHaveAttribute("loading", "eager");
  await expect(main).toHaveAttribute("fetchpriority", "high");
  // Sizes reserve the space before the bytes arrive: nothing jumps when they do.
  const sizeless = await page
    .locator("img")
    .evaluateAll((imgs) => imgs.filter((i) => !i.getAttribute("width") || !i.getAttribute("height")).length);
  expect(sizeless).toBe(0);
});

test("a category's first card image loads first, the others when they near the screen", async ({ page }) => {
  await page.goto("/categories/design");
  const images = page.getByTestId("service-card").locator("img");
  await expect(images.first()).toHaveAttribute("loading", "eager");
  await expect(images.first()).toHaveAttribute("fetchpriority", "high");
  const lazy = await images.evaluateAll((imgs) => imgs.slice(1).map((i) => i.getAttribute("loading")));
  expect(lazy.length).toBeGreaterThan(0);
  expect(lazy.every((l) => l === "lazy")).toBe(true);
});

test("the browser bundle loads after the page itself, then the page hydrates", async ({ page }) => {
  await page.goto("/categories/design");
  await hydrated(page);
  // On a slow connection a bundle fetched earlier shares the bandwidth with the page's
  // first image and fonts, and delays them.
  const timing = await page.evaluate(() => {
    const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    const bundle = performance
      .getEntriesByType("resource")
      .filter((r) => /\/pkg\/[^/]+\.(js|wasm)$/.test(new URL(r.name).pathname))
      .map((r) => r.startTime);
    return { load: navigation.loadEventStart, bundle };
  });
  expect(timing.bundle.length).toBeGreaterThanOrEqual(2);
  expect(Math.min(...timing.bundle)).toBeGreaterThanOrEqual(timing.load);
  await expect(page.locator('link[rel="preload"][href$=".wasm"], link[rel="modulepreload"]')).toHaveCount(0);
});

test("a move to another service brings its own order box; one back brings the first again", async ({ page }) => {
  await page.goto("/categories/design");
  const hrefs = await page.getByTestId("service-card").locator("h3 a").evaluateAll((links) =>
    links.slice(0, 2).map((a) => a.getAttribute("href")!),
  );
  const [first, second] = hrefs;
  expect(first).not.toEqual(second);
  const orderNow = page.getByTestId("order-now");
  const total = page.getByTestId("order-total");

  // The second service as the server renders it.
  await page.goto(second);
  await hydrated(page);
  const secondTotal = await total.textContent();
  const secondId = second.split("/").pop();

  await page.goto(first);
  await hydrated(page);
  const firstTotal = await total.textContent();
  const firstId = first.split("/").pop();
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

  // The islands router's move: the order box has other props, so it is the new one, live.
  await page.evaluate((href) => (window as unknown as { khidmatNavigate(h: string): void }).khidmatNavigate(href), second);
  await expect(page).toHaveURL(new RegExp(`${second}$`));
  await hydrated(page);
  await expect(orderNow).toHaveAttribute("href", new RegExp(`service=${secondId}&`));
  await expect(total).toHaveText(secondTotal!);
  await page.getByTestId("quantity").selectOption("2");
  await expect(total).not.toHaveText(secondTotal!);

  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`${first}$`));
  await hydrated(page);
  await expect(orderNow).toHaveAttribute("href", new RegExp(`service=${firstId}&`));
  await expect(total).toHaveText(firstTotal!);
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
});

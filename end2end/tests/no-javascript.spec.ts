import { test, expect } from "./fixtures";

test.use({ javaScriptEnabled: false });

test("the catalog works without JavaScript", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByTestId("category-tile")).toHaveCount(7);
  await page.getByTestId("category-tile").filter({ hasText: "البرمجة والتطوير" }).click();
  await expect(page.getByTestId("category-title")).toHaveText("البرمجة والتطوير");
  await page.getByTestId("sort-best-selling").click();
  await expect(page).toHaveURL(/sort=best-selling/);
  await expect(page.getByTestId("sort-best-selling")).toHaveAttribute("aria-current", "true");
  await page.getByTestId("service-card").first().locator("h3 a").click();
  await expect(page.getByTestId("service-title")).toBeVisible();
  await expect(page.getByTestId("order-total")).toHaveText(/^\$\d+\.\d\d$/);
  await expect(page.getByTestId("service-description")).not.toBeEmpty();
  // The category menu is a <details>: it opens without script.
  await page.locator(".category-menu summary").first().click();
  await page.locator(".submenu a").filter({ hasText: "الترجمة" }).click();
  await expect(page.getByTestId("category-title")).toHaveText("الترجمة");
  // The language switch is a plain form POST.
  await page.getByTestId("lang-switch").click();
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await expect(page.getByTestId("category-title")).toHaveText("Translation");
});

test("pagination works without JavaScript", async ({ page }) => {
  await page.goto("/categories/design");
  await page.getByTestId("page-next").click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByTestId("service-card").first()).toBeVisible();
  await page.getByTestId("page-previous").click();
  await expect(page).toHaveURL(/\/categories\/design$/);
});

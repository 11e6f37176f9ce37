import * as fs from "fs";
import * as path from "path";
import { test, expect, hydrated } from "./fixtures";

const pages = [
  ["home", "/"],
  ["category", "/categories/design"],
  ["service", "/services/11"],
  ["seller", "/sellers/sara.writes"],
  ["styleguide", "/styleguide"],
] as const;

const shots = path.join(__dirname, "..", "artifacts", "screenshots");

for (const lang of ["ar", "en"] as const) {
  test.describe(`in ${lang}`, () => {
    test.use({ locale: lang });

    for (const [name, url] of pages) {
      test(`${name}: no horizontal scrolling at 360 px, and screenshots`, async ({ page }, testInfo) => {
        await page.setViewportSize({ width: 360, height: 780 });
        await page.goto(url);
        await hydrated(page);
        await expect(page.locator("html")).toHaveAttribute("dir", lang === "ar" ? "rtl" : "ltr");
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, "page wider than the screen").toBeLessThanOrEqual(0);
        await page.evaluate(() => document.fonts.ready);

        fs.mkdirSync(shots, { recursive: true });
        const mobile = path.join(shots, `${lang}-${name}-360.png`);
        await page.screenshot({ path: mobile, fullPage: true });
        await page.setViewportSize({ width: 1440, height: 900 });
        const desktop = path.join(shots, `${lang}-${name}-1440.png`);
        await page.screenshot({ path: desktop, fullPage: true });
        await testInfo.attach(`${lang}-${name}-360`, { path: mobile, contentType: "image/png" });
        await testInfo.attach(`${lang}-${name}-1440`, { path: desktop, contentType: "image/png" });
      });
    }
  });
}

test("the style guide shows every component in both directions side by side", async ({ page }) => {
  await page.goto("/styleguide");
  await expect(page.getByTestId("styleguide-ar")).toHaveAttribute("dir", "rtl");
  await expect(page.getByTestId("styleguide-en")).toHaveAttribute("dir", "ltr");
  for (const column of ["styleguide-ar", "styleguide-en"]) {
    const c = page.getByTestId(column);
    await expect(c.getByTestId("service-card")).toHaveCount(2);
    await expect(c.getByTestId("level-badge").first()).toBeVisible();
    await expect(c.getByTestId("order-box")).toBeVisible();
    await expect(c.getByTestId("seller-card")).toBeVisible();
    await expect(c.getByTestId("review")).toHaveCount(1);
  }
  await expect(page.getByTestId("styleguide-en").getByTestId("order-total")).toHaveText("$25.00");
  // The calculators are independent: ticking in one column leaves the other alone.
  await hydrated(page);
  await page.getByTestId("styleguide-ar").getByTestId("upgrade-2").check();
  await expect(page.getByTestId("styleguide-ar").getByTestId("order-total")).toHaveText("$45.00");
  await expect(page.getByTestId("styleguide-en").getByTestId("order-total")).toHaveText("$25.00");
});

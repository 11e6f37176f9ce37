import AxeBuilder from "@axe-core/playwright";
import { test, expect, hydrated } from "./fixtures";

/** The catalog pages every visitor sees first, and the cart. */
const PAGES = ["/", "/categories/design", "/services/23", "/sellers/ahmad.designs", "/search?q=تصميم شعار", "/cart"];

for (const lang of ["ar", "en"]) {
  test.describe(`accessibility in ${lang}`, () => {
    test.beforeEach(async ({ context, baseURL }) => {
      await context.addCookies([{ name: "khidmat_lang", value: lang, url: baseURL! }]);
    });

    for (const path of PAGES) {
      test(`${path} has no serious or critical axe violation`, async ({ page }) => {
        const response = await page.goto(path);
        expect(response?.status()).toBe(200);
        await hydrated(page);
        await expect(page.locator("html")).toHaveAttribute("lang", lang);
        const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
        const bad = results.violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
        expect(bad, `axe on ${path} in ${lang}`).toEqual([]);
      });
    }
  });
}

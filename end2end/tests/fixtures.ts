import { test as base, expect, Page } from "@playwright/test";

/**
 * Every test gets a page that records console errors and uncaught exceptions; the test
 * fails if any happened, on any page it visited.
 */
export const test = base.extend<{ problems: string[]; expectedErrors: RegExp[] }>({
  /** Console errors a test provokes on purpose (a 404 page logs its own 404). */
  expectedErrors: [[], { option: true }],
  problems: [
    async ({ page, expectedErrors }, use) => {
      const problems: string[] = [];
      page.on("console", (msg) => {
        const text = msg.text();
        if (msg.type() === "error" && !expectedErrors.some((re) => re.test(text))) {
          problems.push(`console error: ${text}`);
        }
      });
      page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
      await use(problems);
      expect(problems, "no console errors or page errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Fluent wraps arguments in Unicode isolation marks (U+2068, U+2069); ignore them. */
export function plain(text: string | null): string {
  return (text ?? "").replace(/[\u2068\u2069]/g, "").trim();
}

/** Waits until the wasm bundle has hydrated the server-rendered page. */
export async function hydrated(page: Page): Promise<void> {
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
}

/** Opens the demo's logo service ($25, 3 days, four upgrades) from its category page. */
export async function openLogoService(page: Page): Promise<void> {
  await page.goto("/categories/logo-design");
  await page.getByRole("link", { name: "سأصمم شعاراً احترافياً لمشروعك بـ 3 خيارات" }).click();
  await expect(page.getByTestId("service-title")).toHaveText("سأصمم شعاراً احترافياً لمشروعك بـ 3 خيارات");
}

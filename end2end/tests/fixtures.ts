import { test as base, expect, BrowserContext, BrowserContextOptions, Page } from "@playwright/test";

/** Opens a page in a new browser context (another person's browser). */
export type NewPage = (options?: BrowserContextOptions) => Promise<Page>;

/**
 * Every test gets a page that records console errors and uncaught exceptions, and a
 * `newPage` for the other people in its story (each in a browser context of its own) that
 * records them the same way; the test fails if any happened, on any page it visited. A
 * page another person's browser could not hydrate fails with its own error, not with a
 * wait for `data-hydrated` that times out.
 */
export const test = base.extend<{ problems: string[]; expectedErrors: RegExp[]; newPage: NewPage }>({
  /** Console errors a test provokes on purpose (a 404 page logs its own 404). */
  expectedErrors: [[], { option: true }],
  problems: [
    async ({ page, expectedErrors }, use) => {
      const problems: string[] = [];
      watch(page.context(), expectedErrors, problems);
      await use(problems);
      expect(problems, "no console errors or page errors").toEqual([]);
    },
    { auto: true },
  ],
  newPage: async ({ browser, expectedErrors, problems }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (options) => {
      const context = await browser.newContext(options);
      contexts.push(context);
      watch(context, expectedErrors, problems);
      return context.newPage();
    });
    for (const context of contexts) await context.close();
  },
});

/** Records a context's console errors (but the expected ones) and uncaught exceptions. */
function watch(context: BrowserContext, expectedErrors: RegExp[], problems: string[]): void {
  context.on("console", (msg) => {
    const text = msg.text();
    if (msg.type() === "error" && !expectedErrors.some((re) => re.test(text))) {
      problems.push(`console error on ${msg.page()?.url() ?? "a page"}: ${text}`);
    }
  });
  context.on("weberror", (error) =>
    problems.push(`page error on ${error.page()?.url() ?? "a page"}: ${error.error().message}`),
  );
}

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

/** A suffix that makes names unique, so tests can run again on the same database. */
export function unique(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
}

/** The password the tests give the members they sign up. */
export const PASSWORD = "قهوة-الصباح-2026";

/**
 * Signs a new member up through the form, as `<username>@example.com` with `PASSWORD`,
 * and waits for the welcome page; answers the email.
 */
export async function signUp(page: Page, username: string, firstName: string, lastName: string): Promise<string> {
  const email = `${username}@example.com`;
  await page.goto("/signup");
  await hydrated(page);
  await page.getByLabel("الاسم الأول").fill(firstName);
  await page.getByLabel("اسم العائلة").fill(lastName);
  await page.getByLabel("البريد الإلكتروني").fill(email);
  await page.getByLabel("كلمة المرور").fill(PASSWORD);
  await page.getByLabel("اسم المستخدم").fill(username);
  await page.getByTestId("signup-submit").click();
  await expect(page).toHaveURL("/welcome");
  return email;
}

/** Logs in through the form and waits for the page it returns to. */
export async function logIn(page: Page, email: string, password: string, next = "/"): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await hydrated(page);
  await page.getByLabel("البريد الإلكتروني").fill(email);
  await page.getByLabel("كلمة المرور").fill(password);
  await page.getByTestId("login-submit").click();
  await expect(page).toHaveURL(next);
  await hydrated(page);
}

/** Someone else, in a browser of their own, logged in and on `next`. */
export async function loggedIn(newPage: NewPage, email: string, password: string, next: string): Promise<Page> {
  const page = await newPage();
  await logIn(page, email, password, next);
  return page;
}

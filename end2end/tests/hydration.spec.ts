import { test, expect, hydrated, signUp, unique } from "./fixtures";

/**
 * The browser asks the server who is signed in after the page has loaded, and a lazy
 * page's island may hydrate before that answer arrives. A page that drew from it was
 * hydrated against HTML the server drew with it: the contact form came twice, or the
 * island stopped with an "unreachable" panic. Here the answer is held back, so every
 * island is hydrated before it.
 */
test("a member's pages hydrate as the server drew them, however late the browser learns who is signed in", async ({
  page,
}) => {
  test.setTimeout(60_000);
  // A new member: their email is not confirmed yet, which the settings page tells.
  await signUp(page, `late${unique()}`, "هند", "العتيبي");
  await page.route(/\/api\/get_me/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await route.continue();
  });
  for (const [path, drawn] of [
    ["/services/11/contact", "message-body"],
    ["/requests/new", "request-form"],
    ["/settings", "unverified"],
  ]) {
    const answered = page.waitForResponse(/\/api\/get_me/);
    await page.goto(path);
    await answered;
    await hydrated(page);
    await expect(page.getByTestId(drawn), path).toHaveCount(1);
  }
});

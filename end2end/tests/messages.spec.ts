import { Page } from "@playwright/test";
import { test, expect, hydrated, openLogoService, loggedIn, unique, signUp, PASSWORD, NewPage } from "./fixtures";

const DEMO_PASSWORD = "khidmat-demo-2026";
const SELLER = "seller@khidmat.test";
const WHATSAPP = "واتس ٠٥٥١٢٣٤٥٦٧";

// Both tests write to the demo seller, whose badge the first one counts: one after the other.
test.describe.configure({ mode: "serial" });

/** A new member, signed up in their own browser; answers the signed-in page. */
async function newMember(newPage: NewPage, javaScript = true): Promise<{ page: Page; email: string }> {
  const page = await newPage();
  const email = await signUp(page, `asker${unique()}`, "سارة", "القحطاني");
  if (javaScript) return { page, email };
  // The same session in a browser without JavaScript.
  const state = await page.context().storageState();
  const plain = await newPage({ javaScriptEnabled: false, storageState: state });
  return { page: plain, email };
}

test("a visitor logs in, writes to a seller, and both see the other's message live", async ({ page, newPage }) => {
  test.setTimeout(90_000);
  // The seller watches their inbox.
  const seller = await loggedIn(newPage, SELLER, DEMO_PASSWORD, "/messages");
  const badge = seller.getByTestId("messages-count");
  // The demo leaves the seller a conversation with an unread question; the first live
  // update fills the badge in.
  await expect(badge).not.toHaveText("0");
  const before = Number(await badge.textContent());

  // A visitor asks about the logo service: they log in first (here, a new account).
  const { email } = await newMember(newPage);
  await openLogoService(page);
  await page.getByTestId("contact-seller").click();
  await expect(page).toHaveURL(/\/services\/\d+\/contact$/);
  await page.getByTestId("contact-login").getByRole("link").click();
  await expect(page).toHaveURL(/\/login\?next=/);
  await hydrated(page);
  await page.getByLabel("البريد الإلكتروني").fill(email);
  await page.getByLabel("كلمة المرور").fill(PASSWORD);
  await page.getByTestId("login-submit").click();
  // The path itself: the login page's own URL ends with `?next=/services/N/contact`, and
  // the page filled in before it hydrates loses what was typed.
  await expect(page).toHaveURL((url) => /^\/services\/\d+\/contact$/.test(url.pathname));
  await hydrated(page);

  // Contact details are warned of while typing, before anything is sent.
  await page.getByTestId("message-body").fill(`تمام، ${WHATSAPP}`);
  await expect(page.getByTestId("contact-warning")).toContainText("رقم هاتف");
  const question = "السلام عليكم، هل يمكن أن يكون الشعار بثلاثة ألوان فقط؟";
  await page.getByTestId("message-body").fill(question);
  await expect(page.getByTestId("contact-warning")).toHaveCount(0);
  await page.getByTestId("message-send").click();
  await expect(page).toHaveURL(/\/messages\/\d+$/);
  await expect(page.getByTestId("message-text")).toHaveText([question]);

  // The seller's badge goes up without a reload, and the inbox lists the question.
  await expect(badge).toHaveText(String(before + 1));
  await expect(seller.getByTestId("conversation-last").first()).toHaveText(question);
  await seller.getByTestId("conversation-line").first().getByRole("link").click();
  await expect(seller).toHaveURL(/\/messages\/\d+$/);
  await hydrated(seller);
  await expect(seller.getByTestId("message-text")).toHaveText([question]);
  await expect(badge).toHaveText(String(before));

  // The answer appears on the asker's open page, live.
  const answer = "وعليكم السلام، نعم ممكن، وأقترح الأخضر والذهبي.";
  await seller.getByTestId("message-body").fill(answer);
  await seller.getByTestId("message-send").click();
  await expect(seller.getByTestId("message-text")).toHaveText([question, answer]);
  await expect(page.getByTestId("message-text")).toHaveText([question, answer]);
});

test("without JavaScript a message with contact details is refused and nothing is sent", async ({ newPage }) => {
  const { page } = await newMember(newPage, false);
  await openLogoService(page);
  await page.getByTestId("contact-seller").click();
  await expect(page).toHaveURL(/\/services\/\d+\/contact$/);
  await page.getByTestId("message-body").fill(`أرسل لي على ${WHATSAPP}`);
  await page.getByTestId("message-send").click();
  // The server's refusal, with the same words the browser would have warned with.
  await expect(page).toHaveURL(/\/services\/\d+\/contact\?refused=contact-phone$/);
  await expect(page.getByTestId("message-error")).toContainText("رقم هاتف");
  await page.goto("/messages");
  await expect(page.getByTestId("no-conversations")).toBeVisible();
  // A clean message goes through, still without JavaScript.
  await page.goBack();
  await page.getByTestId("message-body").fill("هل تسلّم ملفات المصدر مع الشعار؟");
  await page.getByTestId("message-send").click();
  await expect(page).toHaveURL(/\/messages\/\d+$/);
  await expect(page.getByTestId("message-text")).toHaveText(["هل تسلّم ملفات المصدر مع الشعار؟"]);
});

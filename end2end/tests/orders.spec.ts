import { Page } from "@playwright/test";
import { test, expect, hydrated, plain, openLogoService, logIn, loggedIn, NewPage } from "./fixtures";

const DEMO_PASSWORD = "khidmat-demo-2026";
const GOOD = "4242 4242 4242 4242";
const SELLER = "seller@khidmat.test";
const ADMIN = "admin@khidmat.test";

/** "$1,234.50" → 123450 (cents). */
function cents(text: string | null): number {
  const m = plain(text).replace(/[,$+\s]/g, "");
  const [whole, frac = "0"] = m.replace(/^-/, "").split(".");
  const value = Number(whole) * 100 + Number(frac.padEnd(2, "0"));
  return m.startsWith("-") ? -value : value;
}

/** Someone else (a demo account), in a browser of their own, on `next`. */
function as(newPage: NewPage, email: string, next: string): Promise<Page> {
  return loggedIn(newPage, email, DEMO_PASSWORD, next);
}

/** The buyer orders the logo service now, paying by the sandbox card; returns the order's page path. */
async function buyLogo(page: Page): Promise<string> {
  await openLogoService(page);
  await hydrated(page);
  await page.getByTestId("order-now").click();
  await expect(page).toHaveURL(/\/checkout/);
  await hydrated(page);
  // A client-side move: the body is marked hydrated again once the checkout's island is,
  // and the card fields show only once the order's total is known (the button is enabled
  // then). `isVisible` does not wait.
  await expect(page.getByTestId("pay")).toBeEnabled();
  if (await page.getByLabel("رقم البطاقة").isVisible()) {
    await page.getByLabel("رقم البطاقة").fill(GOOD);
    await page.getByLabel("تاريخ الانتهاء").fill("12/40");
    await page.getByLabel("رمز التحقق (CVC)").fill("123");
  }
  await page.getByTestId("pay").click();
  await expect(page).toHaveURL(/\/receipts\/\d+$/);
  await page.goto("/my/purchases");
  const href = await page.getByTestId("order-link").first().getAttribute("href");
  expect(href).toMatch(/^\/orders\/\d+$/);
  return href!;
}

/** Takes an action on the open order page, with a note, and waits for the new status. */
async function act(page: Page, action: string, note: string, status: string): Promise<void> {
  await hydrated(page);
  if (note) await page.getByTestId("order-note").fill(note);
  await page.getByTestId(`action-${action}`).click();
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", status);
}

/** Moves the development server's clock forward and runs its jobs. */
async function advance(page: Page, hours: number): Promise<void> {
  const answer = await page.request.post("/dev/clock", { form: { hours: String(hours) } });
  expect(answer.ok()).toBeTruthy();
}

// The journeys move the server's clock: one after the other, so one's jump cannot
// auto-accept the other's delivery.
test.describe.configure({ mode: "serial" });

test.describe("the order lifecycle", () => {
  test("instructions, delivery, changes, acceptance, clearance and a paid withdrawal", async ({ page, newPage }) => {
    test.setTimeout(180_000);
    await logIn(page, "aisha.k@khidmat.test", DEMO_PASSWORD);
    const order = await buyLogo(page);
    await page.goto(order);
    const total = cents(await page.getByTestId("order-total").textContent());
    await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "awaiting_instructions");
    // Only the buyer's steps are offered to the buyer.
    await expect(page.getByTestId("action-deliver")).toHaveCount(0);
    // Instructions with a file (private to the order's parties).
    await hydrated(page);
    await page.getByTestId("order-file-input").setInputFiles({
      name: "موجز-المشروع.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("%PDF-1.4\n% موجز المشروع\n"),
    });
    await expect(page.getByTestId("attached-file")).toHaveText(["موجز-المشروع.pdf"]);
    await act(page, "send-instructions", "اسم المشروع: مخبز السنابل، الألوان: ذهبي وبني", "in_progress");
    await expect(page.getByTestId("attached-file")).toHaveCount(0);
    await expect(page.getByTestId("order-deadline")).toContainText("متبقٍ");

    const seller = await as(newPage, SELLER, order);
    const before = cents(await (await seller.goto("/wallet"), seller.getByTestId("balance-pending")).textContent());
    await seller.goto(order);
    await expect(seller.getByTestId("timeline-event").filter({ hasText: "مخبز السنابل" })).toHaveCount(1);
    const file = seller.getByTestId("order-file");
    await expect(file).toHaveText("موجز-المشروع.pdf");
    const download = await seller.request.get((await file.getAttribute("href"))!);
    expect(download.status()).toBe(200);
    expect((await download.body()).toString()).toContain("%PDF-1.4");
    await act(seller, "deliver", "الشعار بصيغ PNG وSVG", "delivered");

    await page.reload();
    await act(page, "request-changes", "كبّر الخط قليلًا من فضلك", "in_progress");
    await seller.reload();
    await act(seller, "deliver", "النسخة المعدّلة", "delivered");
    await page.reload();
    await act(page, "accept", "", "completed");
    await expect(page.getByTestId("order-actions")).toHaveCount(0);
    const events = await page.getByTestId("timeline-event").evaluateAll((els) => els.map((e) => e.getAttribute("data-event")));
    expect(events).toEqual(["placed", "instructions", "delivered", "changes_requested", "delivered", "accepted"]);

    // The seller's wallet: 80% pending, with its clearance date; after the clearance
    // period it is available, and a withdrawal of $10 is held until an admin pays it.
    await seller.goto("/wallet");
    await hydrated(seller);
    expect(cents(await seller.getByTestId("balance-pending").textContent()) - before).toBe(Math.round(total * 0.8));
    await expect(seller.getByTestId("pending-earning").filter({ has: seller.locator(`a[href="${order}"]`) })).toHaveCount(1);
    const available = cents(await seller.getByTestId("balance-available").textContent());
    await advance(seller, 7 * 24 + 1);
    await seller.reload();
    await hydrated(seller);
    expect(cents(await seller.getByTestId("balance-available").textContent())).toBeGreaterThanOrEqual(available + Math.round(total * 0.8));
    await seller.getByLabel("المبلغ المراد سحبه (دولار)").fill("10");
    await seller.getByLabel("بريد PayPal").fill("ahmad@example.com");
    await seller.getByTestId("withdraw-submit").click();
    await expect(seller.getByTestId("withdraw-done")).toBeVisible();
    await expect(seller.getByTestId("withdrawal-line").filter({ hasText: "ahmad@example.com" })).toHaveCount(1);

    const admin = await as(newPage, ADMIN, "/admin/withdrawals");
    const mine = admin.getByTestId("withdrawal").filter({ hasText: "ahmad@example.com" });
    await expect(mine).toHaveCount(1);
    await mine.getByTestId("withdrawal-pay").click();
    await expect(mine).toHaveCount(0);
    await seller.reload();
    await expect(
      seller.getByTestId("withdrawal-line").filter({ hasText: "ahmad@example.com" }),
    ).toHaveAttribute("data-status", "paid");
  });

  test("a late order is cancelled by the buyer and refunded to the wallet", async ({ page }) => {
    test.setTimeout(120_000);
    await logIn(page, "bilal.s@khidmat.test", DEMO_PASSWORD);
    const order = await buyLogo(page);
    await page.goto(order);
    const total = cents(await page.getByTestId("order-total").textContent());
    await act(page, "send-instructions", "التعليمات كاملة", "in_progress");
    await expect(page.getByTestId("action-cancel-late")).toHaveCount(0);
    // Past the deadline (the logo service takes at most a few days).
    await advance(page, 10 * 24);
    await page.reload();
    await expect(page.getByTestId("order-deadline")).toContainText("متأخر");
    await act(page, "cancel-late", "", "cancelled");
    await page.goto("/wallet");
    await hydrated(page);
    const refund = page.getByTestId("history-line").filter({ has: page.locator(`a[href="${order}"]`) }).filter({ hasText: "استرداد" });
    await expect(refund).toHaveCount(1);
    expect(cents(await refund.getByTestId("history-amount").textContent())).toBe(total);
  });

  test("an admin splits a dispute and both wallets are right", async ({ page, newPage }) => {
    test.setTimeout(120_000);
    await logIn(page, "faisal.m@khidmat.test", DEMO_PASSWORD);
    const order = await buyLogo(page);
    await page.goto(order);
    const total = cents(await page.getByTestId("order-total").textContent());
    await act(page, "send-instructions", "التعليمات", "in_progress");
    await act(page, "report", "البائع لا يرد منذ أيام", "disputed");

    const admin = await as(newPage, ADMIN, "/admin/disputes");
    await admin.locator(`a[href="${order}"]`).click();
    await expect(admin).toHaveURL(order);
    await hydrated(admin);
    await admin.getByTestId("split-amount").fill("5");
    await act(admin, "rule-split", "يُعاد 5 دولارات للمشتري", "completed");
    await expect(admin.getByTestId("order-refunded")).toContainText("$5.00");

    await page.goto("/wallet");
    await hydrated(page);
    const refund = page.getByTestId("history-line").filter({ has: page.locator(`a[href="${order}"]`) }).filter({ hasText: "استرداد" });
    expect(cents(await refund.getByTestId("history-amount").textContent())).toBe(500);
    const seller = await as(newPage, SELLER, "/wallet");
    const earning = seller.getByTestId("pending-earning").filter({ has: seller.locator(`a[href="${order}"]`) });
    // The seller's part less 20% of it.
    const part = total - 500;
    const commission = Math.round(part * 0.2);
    expect(cents(await earning.locator(".money").textContent())).toBe(part - commission);
  });
  test("the buyer rates a completed order, the service page shows it, the seller replies", async ({ page, newPage }) => {
    test.setTimeout(150_000);
    await logIn(page, "buyer@khidmat.test", DEMO_PASSWORD);
    const order = await buyLogo(page);
    await page.goto(order);
    const service = (await page.locator(".order-header h1 a").getAttribute("href"))!;
    // What the service page shows before: the count of four-star reviews and of all.
    await page.goto(service);
    const fours = page.locator('[data-testid=star-histogram] li[data-stars="4"]');
    const foursBefore = Number(await fours.getAttribute("data-count"));
    const ratings = page.locator(".service-stats .rating-count");
    const count = async () => Number(plain(await ratings.textContent()).replace(/\D/g, ""));
    const countBefore = await count();
    await page.goto(order);
    await act(page, "send-instructions", "التعليمات: شعار لمكتبة الضياء", "in_progress");
    const seller = await as(newPage, SELLER, order);
    await act(seller, "deliver", "الشعار جاهز", "delivered");
    await page.reload();
    // No review form before the order is completed.
    await expect(page.getByTestId("review-form")).toHaveCount(0);
    await act(page, "accept", "", "completed");
    await page.reload();
    await hydrated(page);
    const comment = `تصميم أنيق وتواصل راقٍ، أنصح به ${Date.now().toString(36)}`;
    await page.getByTestId("review-star-4").check({ force: true });
    await page.getByTestId("review-comment-input").fill(comment);
    await page.getByTestId("review-submit").click();
    await expect(page.getByTestId("review-saved")).toBeVisible();
    await expect(page.getByTestId("order-review-comment")).toHaveText(comment);

    // The service page: the review first, one more four-star review, one more in all.
    await page.goto(service);
    const mine = page.getByTestId("review").filter({ hasText: comment });
    await expect(mine).toHaveCount(1);
    await expect(page.getByTestId("review").first()).toContainText(comment);
    await expect(fours).toHaveAttribute("data-count", String(foursBefore + 1));
    expect(await count()).toBe(countBefore + 1);
    // The average in Arabic digits.
    await expect(page.getByTestId("review-average")).toHaveText(/^[٠-٩]٫[٠-٩]$/);

    // The seller's bell counts what happened; the notifications page lists the review and
    // clears the count.
    await seller.goto("/");
    await hydrated(seller);
    await expect(seller.getByTestId("unread-count")).not.toHaveText("0");
    await seller.getByTestId("notification-bell").click();
    await expect(seller).toHaveURL("/notifications");
    await expect(seller.getByTestId("notification").filter({ hasText: "قيّم المشتري الطلب" }).first()).toBeVisible();
    await expect(seller.getByTestId("unread-count")).toHaveText("0");

    // The seller replies from the order page; the reply shows under the review.
    await seller.goto(order);
    await hydrated(seller);
    await expect(seller.getByTestId("review-form")).toHaveCount(0);
    await seller.getByTestId("reply-input").fill("شكرًا لك، سعدنا بالعمل معك!");
    await seller.getByTestId("reply-submit").click();
    await expect(seller.getByTestId("seller-reply")).toContainText("سعدنا بالعمل معك");
    await page.reload();
    await expect(mine.getByTestId("seller-reply")).toContainText("سعدنا بالعمل معك");
  });
});

test.describe("the contact-details guard", () => {
  // The refused message answers 422, which the browser logs.
  test.use({ expectedErrors: [/status of 422/] });

  test("contact details in a message are warned about while typing and refused by the server", async ({ page }) => {
    await logIn(page, "aisha.k@khidmat.test", DEMO_PASSWORD);
    const order = await buyLogo(page);
    await page.goto(order);
    await hydrated(page);
    const box = page.getByTestId("message-body");
    await box.fill("ممكن نكمل على واتس ٠٥٥١٢٣٤٥٦٧");
    await expect(page.getByTestId("contact-warning")).toContainText("رقم هاتف");
    await expect(page.getByTestId("contact-warning")).toContainText("0551234567");
    // Sent anyway: the server refuses it with the same explanation and stores nothing.
    await page.getByTestId("message-send").click();
    await expect(page.getByTestId("order-error")).toContainText("رقم هاتف");
    await page.reload();
    await expect(page.getByTestId("timeline")).not.toContainText("٠٥٥١٢٣٤٥٦٧");
    await hydrated(page);
    await page.getByTestId("message-body").fill("التسليم يوم 2025-03-14 بسعر 25 دولار");
    await expect(page.getByTestId("contact-warning")).toHaveCount(0);
  });
});

import { Page } from "@playwright/test";
import { test, expect, hydrated, unique, loggedIn, signUp, NewPage } from "./fixtures";

const DEMO_PASSWORD = "khidmat-demo-2026";
const ADMIN = "admin@khidmat.test";
const SELLERS = ["seller@khidmat.test", "sara.writes@khidmat.test"];

/** Someone else (a demo account), in a browser of their own, on `next`. */
function as(newPage: NewPage, email: string, next: string): Promise<Page> {
  return loggedIn(newPage, email, DEMO_PASSWORD, next);
}

test("a request is posted, approved, offered on by two sellers, and one offer is ordered", async ({ page, newPage }) => {
  test.setTimeout(150_000);
  // The buyer: a new member.
  const id = unique();
  await signUp(page, `requester${id}`, "ليلى", "الزهراني");

  // Posting: the budget in $5 steps, checked before it is sent.
  const title = `شعار لمتجر ورد إلكتروني ${id}`;
  await page.goto("/requests/new");
  await hydrated(page);
  await page.getByLabel("عنوان الطلب").fill(title);
  await page.getByTestId("request-category").selectOption({ index: 1 });
  await page.getByLabel("ما الذي تحتاجه؟").fill("متجر ورد على الإنترنت اسمه «بتلات»، أحتاج شعارًا ناعمًا بالعربية مع نسخة للأيقونة.");
  await page.getByLabel("الميزانية من ($)").fill("22");
  await page.getByLabel("إلى ($)").fill("60");
  await page.getByLabel("مدة التسليم (أيام)").fill("5");
  await page.getByTestId("request-submit").click();
  await expect(page.getByTestId("error-budget_min")).not.toBeEmpty();
  await page.getByLabel("الميزانية من ($)").fill("20");
  await page.getByTestId("request-submit").click();
  await expect(page).toHaveURL(/\/requests\/\d+$/);
  const path = new URL(page.url()).pathname;
  await expect(page.getByTestId("request-status")).toHaveAttribute("data-status", "pending");
  // A brief attached while it waits for review.
  await hydrated(page);
  await page.getByTestId("order-file-input").setInputFiles({
    name: "brief.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.7\n% the shop's colours and name\n"),
  });
  await expect(page.getByTestId("attached-file")).toHaveText(["brief.pdf"]);

  // The admin approves it in the review queue.
  const admin = await as(newPage, ADMIN, "/admin/review");
  const item = admin.locator(`[data-testid="request-item"][data-title="${title}"]`);
  await item.getByTestId("request-approve").click();
  await expect(item).toHaveCount(0);

  // It is listed, and two sellers make offers.
  const offers: Page[] = [];
  for (const [i, email] of SELLERS.entries()) {
    const seller = await as(newPage, email, "/requests");
    await seller.getByTestId("requests-q").fill(`متجر ورد ${id}`);
    await seller.getByTestId("requests-q").press("Enter");
    await seller.getByRole("link", { name: title }).click();
    await expect(seller).toHaveURL(path);
    await hydrated(seller);
    await expect(seller.getByTestId("request-file")).toHaveText(["brief.pdf"]);
    await seller.getByTestId("offer-price-input").fill(i === 0 ? "40" : "35");
    await seller.getByTestId("offer-note").fill("أصمم لك الشعار بثلاثة مقترحات مع ملفات المصدر وتعديلات مفتوحة.");
    await seller.getByTestId("offer-submit").click();
    await expect(seller.getByTestId("offer-saved")).toBeVisible();
    offers.push(seller);
  }

  // The buyer sees both and orders the first, paying by the test card.
  await page.reload();
  await hydrated(page);
  await expect(page.getByTestId("offer")).toHaveCount(2);
  await expect(page.getByTestId("offer-price")).toHaveText(["$40.00", "$35.00"]);
  await page.getByTestId("order-offer").first().click();
  await expect(page).toHaveURL(/\/checkout\?offer=\d+$/);
  await hydrated(page);
  await expect(page.getByTestId("cart-total")).toHaveText("$40.00");
  await page.getByLabel("رقم البطاقة").fill("4242 4242 4242 4242");
  await page.getByLabel("تاريخ الانتهاء").fill("12/40");
  await page.getByLabel("رمز التحقق (CVC)").fill("123");
  await page.getByTestId("pay").click();
  await expect(page).toHaveURL(/\/receipts\/\d+$/);

  // The order exists, its money held in escrow, and the request points to it.
  await page.goto(path);
  await expect(page.getByTestId("request-status")).toHaveAttribute("data-status", "ordered");
  await page.getByTestId("request-order").getByRole("link").click();
  await expect(page).toHaveURL(/\/orders\/\d+$/);
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "awaiting_instructions");
  await expect(page.getByTestId("order-total")).toHaveText("$40.00");
  await page.goto("/wallet");
  await expect(page.getByTestId("balance-available")).toHaveText("$0.00");

  // The seller who was not chosen sees the request closed and their offer with it.
  const other = offers[1];
  await other.reload();
  await expect(other.getByTestId("request-status")).toHaveAttribute("data-status", "ordered");
  await expect(other.getByTestId("offer-status")).toBeVisible();
  await expect(other.getByTestId("offer-form")).toHaveCount(0);
});

import { Page } from "@playwright/test";
import { test, expect, hydrated, plain, openLogoService, logIn, loggedIn, unique, signUp, PASSWORD } from "./fixtures";

const DEMO_PASSWORD = "khidmat-demo-2026";
const DECLINED = "4000 0000 0000 0002";
const GOOD = "4242 4242 4242 4242";

/** "$1,234.50" → 123450 (cents), so sums are exact. */
function cents(text: string | null): number {
  const m = plain(text).replace(/[,$+\s]/g, "");
  const [whole, frac = "0"] = m.replace(/^-/, "").split(".");
  const value = Number(whole) * 100 + Number(frac.padEnd(2, "0"));
  return m.startsWith("-") ? -value : value;
}

/** Picks the first upgrade and a quantity on the open service page, then adds to cart. */
async function addToCart(page: Page, quantity: string, count: string): Promise<void> {
  await hydrated(page);
  await page.locator("[data-testid=order-box] input[type=checkbox]").first().check();
  await page.getByTestId("quantity").selectOption(quantity);
  await page.getByTestId("add-to-cart").click();
  await expect(page.getByTestId("added-to-cart")).toBeVisible();
  await expect(page.getByTestId("cart-count")).toHaveText(count);
}

async function fillCard(page: Page, number: string): Promise<void> {
  await page.getByLabel("رقم البطاقة").fill(number);
  await page.getByLabel("تاريخ الانتهاء").fill("12/40");
  await page.getByLabel("رمز التحقق (CVC)").fill("123");
}

test.describe("cart and checkout", () => {
  test.use({ expectedErrors: [/status of 400/] });

  test("a visitor's cart is kept at login, a declined card charges nothing, and paying creates each order once", async ({
    page,
    newPage,
  }) => {
    // A long journey (three browsers, a dozen pages) on a shared 2-core machine.
    test.setTimeout(120_000);
    // The buyer's account, made in another browser.
    const id = unique();
    const email = await signUp(await newPage(), `shopper${id}`, "منى", "الشمري");

    // As a visitor: the logo service with an upgrade.
    await openLogoService(page);
    await addToCart(page, "1", "1");

    // Logging in keeps the cart; then a second service, from another seller, twice.
    await logIn(page, email, PASSWORD, "/cart");
    await expect(page.getByTestId("cart-line")).toHaveCount(1);
    await page.goto("/categories/email-marketing");
    await page.getByRole("link", { name: "سأكتب سلسلة رسائل بريدية تسويقية من 5 رسائل" }).click();
    await addToCart(page, "2", "2");

    // The total is the sum of the line totals.
    await page.goto("/cart");
    await hydrated(page);
    await expect(page.getByTestId("cart-line")).toHaveCount(2);
    const lineTotals = await page.getByTestId("line-total").allTextContents();
    const total = cents(await page.getByTestId("cart-total").textContent());
    expect(lineTotals.map(cents).reduce((a, b) => a + b, 0)).toBe(total);
    expect(total).toBeGreaterThan(0);

    // An empty wallet: the card pays everything; the declined test card charges nothing.
    await expect(page.getByTestId("sandbox-notice")).toBeVisible();
    await fillCard(page, DECLINED);
    await page.getByTestId("pay").click();
    await expect(page.getByTestId("form-error")).toContainText("رفض البنك هذه البطاقة");
    await page.goto("/wallet");
    await hydrated(page);
    await expect(page.getByTestId("balance-available")).toHaveText("$0.00");
    await expect(page.getByTestId("wallet-empty")).toBeVisible();

    // Top up by the good card, exactly the total.
    await page.getByLabel("المبلغ بالدولار").fill((total / 100).toFixed(2));
    await fillCard(page, GOOD);
    await page.getByTestId("top-up-submit").click();
    await expect(page.getByTestId("top-up-done")).toBeVisible();
    expect(cents(await page.getByTestId("balance-available").textContent())).toBe(total);

    // Pay from the wallet, with a double click: one set of orders.
    await page.goto("/cart");
    await hydrated(page);
    await expect(page.getByTestId("card-part")).toBeHidden();
    await page.getByTestId("pay").dblclick();
    await expect(page).toHaveURL(/\/receipts\/\d+$/);
    await expect(page.getByTestId("receipt-order")).toHaveCount(2);
    await expect(page.getByTestId("receipt")).toContainText("تم الدفع بنجاح");
    await expect(page.getByTestId("cart-count")).toHaveText("0");

    await page.goto("/my/purchases");
    const rows = page.getByTestId("order-row");
    await expect(rows).toHaveCount(2);
    await expect(page.getByTestId("order-status").first()).toHaveText("بانتظار تعليمات المشتري");
    const orderTotals = (await page.getByTestId("order-total").allTextContents()).map(cents);
    expect(orderTotals.reduce((a, b) => a + b, 0)).toBe(total);

    // The wallet explains every cent: +total, then one purchase per order.
    await page.goto("/wallet");
    await expect(page.getByTestId("balance-available")).toHaveText("$0.00");
    const amounts = (await page.getByTestId("history-amount").allTextContents()).map(cents);
    expect(amounts).toHaveLength(3);
    expect(amounts.reduce((a, b) => a + b, 0)).toBe(0);
    await expect(page.getByTestId("history-line").filter({ hasText: "شحن الرصيد بالبطاقة" })).toHaveCount(1);
    await expect(page.getByTestId("history-order-link")).toHaveCount(2);

    // Each seller sees their sale.
    for (const seller of ["seller@khidmat.test", "sara.writes@khidmat.test"]) {
      const other = await loggedIn(newPage, seller, DEMO_PASSWORD, "/my/sales");
      const buyerLink = other.locator(`a[href="/sellers/shopper${id}"]`);
      await expect(other.getByTestId("order-row").filter({ has: buyerLink })).toHaveCount(1);
    }
  });
});

import { Page } from "@playwright/test";
import path from "node:path";
import { test, expect, hydrated, plain, logIn, unique, signUp } from "./fixtures";

const DEMO_PASSWORD = "khidmat-demo-2026";
const COVER = path.join(__dirname, "..", "fixtures", "cover.png");

/** Signs up through the form, then confirms the email through the outbox's link. */
async function signUpAndVerify(page: Page, username: string): Promise<string> {
  const email = await signUp(page, username, "ليلى", "الحسيني");
  await expect(page.getByTestId("user-menu")).toHaveText("ليلى الحسيني");

  await page.goto("/dev/outbox");
  const link = page.locator(`[data-testid=outbox-mail][data-to="${email}"] [data-testid=outbox-link]`).first();
  const href = await link.getAttribute("href");
  expect(href).toMatch(/^\/verify-email\?token=[0-9a-f]{64}$/);
  await page.goto(href!);
  await hydrated(page);
  await page.getByTestId("verify-submit").click();
  await expect(page.getByTestId("verify-done")).toBeVisible();
  return email;
}

/** Fills the service editor; `title` must be valid. */
async function fillService(page: Page, title: string): Promise<void> {
  await page.goto("/my/services/new");
  await hydrated(page);
  await page.getByLabel("عنوان الخدمة").fill(title);
  await page.getByTestId("category-select").selectOption({ index: 1 });
  await page
    .getByLabel("وصف الخدمة")
    .fill("أصمم لك ملصقات دعائية بجودة عالية تناسب متجرك ومنصات التواصل، مع تعديلين مجانيين.");
  await page.getByLabel("السعر (بالدولار)").first().fill("15");
  await page.getByLabel("مدة التسليم (أيام)").fill("2");
}

test("sign up, sell a service with upgrades and an image, get it approved, found and favorited", async ({
  page,
  newPage,
}) => {
  // Sign-up, the editor, the admin's queue and the favorites are each a lazy page: a
  // fresh browser loads each one's chunks on the way.
  test.setTimeout(90_000);
  const id = unique();
  const username = `layla${id}`;
  await signUpAndVerify(page, username);

  // The editor: rules from `shared` speak Arabic before anything is sent.
  await page.goto("/my/services/new");
  await hydrated(page);
  const title = page.getByLabel("عنوان الخدمة");
  await title.fill("قصير");
  await title.blur();
  await expect(page.getByTestId("error-title")).toHaveText("النص أقصر من المطلوب.");
  const price = page.getByLabel("السعر (بالدولار)").first();
  await price.fill("12");
  await price.blur();
  await expect(page.getByTestId("error-price_dollars")).toHaveText("السعر بمضاعفات 5 دولارات (5، 10، 15…).");
  await page.getByTestId("service-submit").click();
  await expect(page.getByTestId("error-category_id")).toHaveText("اختر تصنيفًا فرعيًا للخدمة.");
  await expect(page).toHaveURL("/my/services/new");

  const serviceTitle = `تصميم ملصقات دعائية مميزة لمتجرك ${id}`;
  await fillService(page, serviceTitle);
  await page.getByTestId("upgrade-add").click();
  await page.locator('[name="upgrades.0.title"]').fill("ملفات المصدر المفتوحة");
  await page.locator('[name="upgrades.0.price_dollars"]').fill("10");
  await page.locator('[name="upgrades.0.extra_days"]').fill("1");
  await page.getByTestId("upgrade-add").click();
  await page.locator('[name="upgrades.1.title"]').fill("تسليم سريع خلال يوم");
  await page.locator('[name="upgrades.1.price_dollars"]').fill("5");
  await expect(page.getByTestId("upgrade-row")).toHaveCount(2);
  await page.getByTestId("image-upload").setInputFiles(COVER);
  await expect(page.getByTestId("gallery-thumb")).toHaveCount(1);
  await expect(page.getByTestId("gallery-thumb").locator("img")).toHaveAttribute("src", /^\/media\/uploads\/[0-9a-f]{32}\.webp$/);
  await page.getByTestId("service-submit").click();
  await expect(page).toHaveURL("/my/services");
  const mine = page.getByTestId("my-service").filter({ hasText: serviceTitle });
  await expect(mine.getByTestId("service-status")).toHaveText("بانتظار المراجعة");

  // Not in search before review.
  await page.goto(`/search?q=${encodeURIComponent("ملصقات " + id)}`);
  await expect(page.getByTestId("no-results")).toBeVisible();

  // An admin approves it.
  const admin = await newPage();
  await logIn(admin, "admin@khidmat.test", DEMO_PASSWORD, "/admin/review");
  const item = admin.locator(`[data-testid=review-item][data-title="${serviceTitle}"]`);
  await expect(item).toContainText("ملفات المصدر المفتوحة");
  await expect(item.locator("img")).toHaveCount(1);
  await item.getByTestId("approve").click();
  await expect(item).toHaveCount(0);

  // A buyer finds it under another spelling (article, ة → ه) from the header's box.
  const buyer = await newPage();
  await logIn(buyer, "buyer@khidmat.test", DEMO_PASSWORD);
  await buyer.getByTestId("search-input").fill(`الملصقات الدعائيه ${id}`);
  await buyer.getByTestId("search-input").press("Enter");
  await expect(buyer).toHaveURL(/\/search\?q=/);
  const card = buyer.getByTestId("service-card").filter({ hasText: serviceTitle });
  await expect(card).toHaveCount(1);
  await hydrated(buyer);
  const heart = card.getByTestId("favorite-button");
  await expect(heart).toHaveAttribute("aria-pressed", "false");
  // The heart turns at once; the server answers after, so wait for that answer before
  // reloading (a reload first would abort the request).
  const saved = buyer.waitForResponse((r) => r.url().includes("/api/set_favorite") && r.ok());
  await heart.click();
  await expect(heart).toHaveAttribute("aria-pressed", "true");
  await saved;
  // It survives a reload, and the favorites page lists it.
  await buyer.reload();
  await hydrated(buyer);
  await expect(
    buyer.getByTestId("service-card").filter({ hasText: serviceTitle }).getByTestId("favorite-button"),
  ).toHaveAttribute("aria-pressed", "true");
  await buyer.goto("/favorites");
  await expect(buyer.getByTestId("service-card").filter({ hasText: serviceTitle })).toHaveCount(1);

  // The service page shows the two upgrades.
  await buyer.getByRole("link", { name: serviceTitle }).click();
  await expect(buyer.getByTestId("service-title")).toHaveText(serviceTitle);
  await expect(buyer.getByText("تسليم سريع خلال يوم")).toBeVisible();
});

test("a rejected service shows its reason to the seller", async ({ page, newPage }) => {
  const id = unique();
  await signUpAndVerify(page, `omar${id}`);
  const serviceTitle = `كتابة محتوى تسويقي لمنتجاتك ${id}`;
  await fillService(page, serviceTitle);
  await page.getByTestId("service-submit").click();
  await expect(page).toHaveURL("/my/services");

  const admin = await newPage();
  await logIn(admin, "admin@khidmat.test", DEMO_PASSWORD, "/admin/review");
  const item = admin.locator(`[data-testid=review-item][data-title="${serviceTitle}"]`);
  const reason = "الوصف لا يطابق العنوان، عدّله وأعد الإرسال.";
  await item.getByTestId("reject-reason").fill(reason);
  await item.getByTestId("reject").click();
  await expect(item).toHaveCount(0);

  await page.reload();
  const mine = page.getByTestId("my-service").filter({ hasText: serviceTitle });
  await expect(mine.getByTestId("service-status")).toHaveText("مرفوضة");
  await expect(mine.getByTestId("rejection-reason")).toHaveText(reason);
});

test("a visitor's heart asks to log in and comes back to the same page", async ({ page }) => {
  await page.goto("/categories/logo-design?sort=top-rated");
  await hydrated(page);
  await page.getByTestId("favorite-button").first().click();
  await expect(page).toHaveURL(/\/login\?next=/);
  expect(decodeURIComponent(new URL(page.url()).searchParams.get("next")!)).toBe(
    "/categories/logo-design?sort=top-rated",
  );
  await hydrated(page);
  await page.getByLabel("البريد الإلكتروني").fill("buyer@khidmat.test");
  await page.getByLabel("كلمة المرور").fill(DEMO_PASSWORD);
  await page.getByTestId("login-submit").click();
  await expect(page).toHaveURL("/categories/logo-design?sort=top-rated");
  await expect(page.getByTestId("user-menu")).toHaveText("سامي المشتري");
});

test.describe("wrong passwords", () => {
  test.use({ expectedErrors: [/status of 400/] });

  test("get one localized answer", async ({ page }) => {
    await page.goto("/login");
    await hydrated(page);
    await page.getByLabel("البريد الإلكتروني").fill("buyer@khidmat.test");
    await page.getByLabel("كلمة المرور").fill("not-the-password");
    await page.getByTestId("login-submit").click();
    await expect(page.getByTestId("form-error")).toHaveText("البريد الإلكتروني أو كلمة المرور غير صحيحة.");
    expect(plain(await page.getByTestId("login-link").textContent())).toBe("تسجيل الدخول");
  });
});

test("a seller's level page says what each criterion asks and where they stand", async ({ page }) => {
  await logIn(page, "seller@khidmat.test", DEMO_PASSWORD);
  await hydrated(page);
  await page.getByTestId("user-menu").click();
  await page.getByTestId("nav-my-level").click();
  await expect(page).toHaveURL("/my/level");
  // The demo seller holds the top level: its four criteria, each with their figure, the
  // threshold and whether it is met; no level above it.
  await expect(page.getByTestId("my-level")).toHaveAttribute("data-level", "top");
  const rows = page.getByTestId("criteria-current").getByTestId("criterion");
  await expect(rows).toHaveCount(4);
  const clients = page.locator("[data-testid=criteria-current] [data-criterion=level-clients]");
  await expect(clients).toContainText("25");
  await expect(clients).toContainText("العملاء");
  await expect(page.getByTestId("level-top")).toBeVisible();
});

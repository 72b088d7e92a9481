import { expect, test, type Browser, type BrowserContext } from "./support/test";
import { ADMIN, ADMIN_STATE, signIn, signOut, signUp, uniqueName } from "./support/accounts";

const contexts: BrowserContext[] = [];
async function openPage(browser: Browser, storageState?: string) {
  const context = await browser.newContext({ storageState });
  contexts.push(context);
  return context.newPage();
}

test.describe("accounts", () => {
  test.afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  test("signs out and back in, and returns to the page asked for", async ({ browser }) => {
    const page = await openPage(browser, ADMIN_STATE);
    await page.goto("/dashboard/groups");
    await signOut(page);
    await page.goto("/groups/new");
    await expect(page).toHaveURL(/\/users\/sign_in\?redirect_to=%2Fgroups%2Fnew/);
    await page.getByLabel("Username or email").fill(ADMIN.email.toUpperCase());
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/groups\/new$/);
    await expect(page.getByRole("heading", { name: "New group" })).toBeVisible();
  });

  test("a wrong password gets a clear message and no session", async ({ page }) => {
    await signIn(page, ADMIN.username, "not the password");
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Invalid login or password.");
    await expect(page.getByLabel("Username or email")).toHaveValue(ADMIN.username);
    await page.screenshot({ path: "test-results/screens/sign-in-error.png", fullPage: true });
    await page.goto("/dashboard/groups");
    await expect(page).toHaveURL(/\/users\/sign_in/);
  });

  test("repeated failures lock the login, even for the right password", async ({ page }) => {
    const user = { username: uniqueName("locked"), email: `${uniqueName("l")}@example.com`, name: "Locked Out", password: "right password 1" };
    await signUp(page, user);
    await expect(page).toHaveURL(/\/dashboard\/groups/);
    await signOut(page);
    for (let i = 0; i < 5; i++) {
      await signIn(page, user.username, `wrong ${i}`);
      await expect(page.getByRole("main").getByRole("alert")).toHaveText("Invalid login or password.");
    }
    await signIn(page, user.username, user.password);
    await expect(page.getByRole("main").getByRole("alert")).toContainText("Too many failed sign-in attempts");
    await expect(page).toHaveURL(/\/users\/sign_in/);
  });

  test("later accounts are not administrators; the administrator can turn sign-up off", async ({ browser }) => {
    const visitor = await openPage(browser);
    const user = { username: uniqueName("dev"), email: `${uniqueName("d")}@example.com`, name: "Dee Veloper", password: "developer pass 1" };
    await signUp(visitor, user);
    await expect(visitor).toHaveURL(/\/dashboard\/groups/);
    await visitor.getByRole("button", { name: "User menu" }).click();
    await expect(visitor.getByRole("menuitem", { name: "Access tokens" })).toBeVisible();
    await expect(visitor.getByRole("menuitem", { name: "Admin settings" })).toHaveCount(0);
    await visitor.keyboard.press("Escape");
    const forbidden = await visitor.goto("/admin/settings");
    expect(forbidden?.status()).toBe(404);

    const admin = await openPage(browser, ADMIN_STATE);
    await admin.goto("/admin/settings");
    await admin.getByLabel("Sign-up enabled").uncheck();
    await admin.getByRole("button", { name: "Save changes" }).click();
    await expect(admin.getByText("Settings saved.")).toBeVisible();
    await admin.screenshot({ path: "test-results/screens/admin-settings.png", fullPage: true });

    const stranger = await openPage(browser);
    await stranger.goto("/users/sign_up");
    await expect(stranger.getByText("Sign-up is disabled on this instance")).toBeVisible();
    await expect(stranger.getByRole("button", { name: "Register" })).toHaveCount(0);

    await admin.getByLabel("Sign-up enabled").check();
    await admin.getByRole("button", { name: "Save changes" }).click();
    await expect(admin.getByText("Settings saved.")).toBeVisible();
  });
});

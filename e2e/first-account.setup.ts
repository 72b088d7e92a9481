import { expect, test } from "./support/test";
import { ADMIN, ADMIN_STATE, signUp } from "./support/accounts";

test("the first sign-up creates the administrator", async ({ page }) => {
  // A fresh instance sends everyone to sign-up: there is no one to sign in as yet.
  await page.goto("/dashboard/groups");
  await expect(page).toHaveURL(/\/users\/sign_(in|up)/);
  await page.goto("/users/sign_in");
  await expect(page).toHaveURL(/\/users\/sign_up/);
  await expect(page.getByText("it becomes the administrator")).toBeVisible();
  await page.screenshot({ path: "test-results/screens/sign-up-first.png", fullPage: true });
  await signUp(page, ADMIN);
  await expect(page).toHaveURL(/\/dashboard\/groups/);
  await expect(page.getByRole("heading", { name: "Groups" })).toBeVisible();
  await page.getByRole("button", { name: "User menu" }).click();
  await expect(page.getByRole("menuitem", { name: "Admin settings" })).toBeVisible();
  await page.keyboard.press("Escape");
  await page.context().storageState({ path: ADMIN_STATE });
});

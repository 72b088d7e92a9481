import { randomBytes } from "node:crypto";
import { expect, type Page } from "@playwright/test";

export const ADMIN = { username: "root", email: "root@example.com", name: "Ada Admin", password: "admin password 1" };
export const ADMIN_STATE = "test-results/.auth/admin.json";

export const uniqueName = (prefix: string) => `${prefix}-${randomBytes(4).toString("hex")}`;

export async function signUp(page: Page, user: { username: string; email: string; name: string; password: string }) {
  await page.goto("/users/sign_up");
  await page.getByLabel("Full name").fill(user.name);
  await page.getByLabel("Username").fill(user.username);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Register" }).click();
}

export async function signIn(page: Page, login: string, password: string) {
  await page.goto("/users/sign_in");
  await page.getByLabel("Username or email").fill(login);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "User menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/users\/sign_in/);
}

import { expect, type Page } from "@playwright/test";
import { uniqueName } from "./accounts";

/** A personal access token made on the Access tokens page of the signed-in user, with the scopes named. */
export async function createToken(page: Page, scopes: string[], name = uniqueName("token")): Promise<string> {
  await page.goto("/-/user_settings/personal_access_tokens");
  await page.getByLabel("Token name").fill(name);
  for (const scope of scopes) await page.getByRole("checkbox", { name: new RegExp(`^${scope}\\b`) }).check();
  await page.getByRole("button", { name: "Create token" }).click();
  const value = page.getByLabel("Your new personal access token");
  await expect(value).toHaveValue(/^glpat-/);
  return value.inputValue();
}

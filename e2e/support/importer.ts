import { expect, type Locator, type Page } from "@playwright/test";
import { DEFAULT_TOKEN, type TestSource } from "../../test/source";

export const importRow = (page: Page, fullPath: string) => page.locator(`[data-testid="import-item"][data-source-group="${fullPath}"]`);
export const pathInput = (row: Locator, fullPath: string) => row.getByRole("textbox", { name: `New path for ${fullPath}` });

/** Connects the signed-in user to `to`, switching from whatever instance an earlier test left connected. */
export async function connectTo(page: Page, to: TestSource) {
  await page.goto("/import/groups");
  const switchButton = page.getByRole("button", { name: "Switch instance" });
  await expect(switchButton.or(page.getByRole("button", { name: "Connect instance" }))).toBeVisible();
  if (await switchButton.isVisible()) {
    if (await page.getByText(`Connected to ${new URL(to.url).host}`).isVisible()) return;
    await switchButton.click();
  }
  await page.getByLabel("Source GitLab instance URL").fill(to.url);
  await page.getByLabel("Personal access token").fill(DEFAULT_TOKEN);
  await page.getByRole("button", { name: "Connect instance" }).click();
  await expect(page.getByText(`Connected to ${new URL(to.url).host}`)).toBeVisible();
}

export async function chooseParent(page: Page, row: Locator, fullPath: string, parent: string | "No parent") {
  await row.getByRole("button", { name: new RegExp(`^Parent group for ${fullPath}`) }).click();
  const picker = page.getByRole("dialog");
  if (parent === "No parent") {
    await picker.getByRole("option", { name: "No parent" }).click();
  } else {
    await picker.getByRole("combobox", { name: "Search parent groups" }).fill(parent);
    await picker.getByRole("option", { name: parent, exact: true }).click();
  }
  await expect(picker).toBeHidden();
}

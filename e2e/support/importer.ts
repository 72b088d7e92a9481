import { expect, type Locator, type Page } from "@playwright/test";
import { DEFAULT_TOKEN, type TestSource } from "../../test/source";

export const importRow = (page: Page, fullPath: string) => page.locator(`[data-testid="import-item"][data-source-group="${fullPath}"]`);
export const pathInput = (row: Locator, fullPath: string) => row.getByRole("textbox", { name: `New path for ${fullPath}` });

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Connects the signed-in user to `to` (a test source, or another Ferry with a token made there), switching from
 * whatever instance an earlier test left connected.
 */
export async function connectTo(page: Page, to: Pick<TestSource, "url">, token = DEFAULT_TOKEN) {
  await page.goto("/import/groups");
  const connected = page.getByRole("region", { name: "Source instance" }).getByRole("link", { name: new URL(to.url).host, exact: true });
  const switchButton = page.getByRole("button", { name: "Switch instance" });
  const connectButton = page.getByRole("button", { name: "Connect instance" });
  // The page is rendered on the server with its connection: one of the three shows, and the others do not follow.
  await expect(connected.or(switchButton).or(connectButton).first()).toBeVisible();
  if (await connected.isVisible()) return;
  if (await switchButton.isVisible()) await switchButton.click();
  await page.getByLabel("Source GitLab instance URL").fill(to.url);
  await page.getByLabel("Personal access token").fill(token);
  await connectButton.click();
  await expect(connected).toBeVisible();
}

/** The parent picker's trigger in an import row: its accessible name ends with the parent shown. */
export const parentPicker = (row: Locator, fullPath: string) => row.getByRole("button", { name: new RegExp(`^Parent group for ${escapeRegExp(fullPath)}: `) });

/**
 * Chooses the destination parent of an import row in its picker, as a user does: open, search (unless "No parent"),
 * click the option. Waits on states only: the picker opened (aria-expanded), the list holding the answer for the
 * search (not aria-busy), the picker closed again and the row showing the choice.
 */
export async function chooseParent(page: Page, row: Locator, fullPath: string, parent: string | "No parent") {
  const trigger = parentPicker(row, fullPath);
  await expect(trigger).toBeEnabled();
  // A picker closing (Escape, an earlier choice) must be closed before the click, or the click would toggle it.
  await expect(trigger).toHaveAttribute("aria-expanded", "false");
  await trigger.click();
  await expect(trigger).toHaveAttribute("aria-expanded", "true");
  const picker = page.getByRole("dialog");
  if (parent !== "No parent") await picker.getByRole("combobox", { name: "Search parent groups" }).fill(parent);
  await expect(picker.getByRole("listbox", { name: "Parent groups" })).not.toHaveAttribute("aria-busy", "true");
  await picker.getByRole("option", { name: parent, exact: true }).click();
  await expect(trigger).toHaveAttribute("aria-expanded", "false");
  await expect(picker).toBeHidden();
  await expect(trigger).toHaveAccessibleName(`Parent group for ${fullPath}: ${parent}`);
}

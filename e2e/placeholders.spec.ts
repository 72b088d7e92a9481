import fs from "node:fs";
import path from "node:path";
import { expect, test } from "./support/test";
import { startTestSource, type TestSource } from "../test/source";
import { ADMIN_STATE, signUp, uniqueName } from "./support/accounts";
import { chooseParent, connectTo, importRow, pathInput } from "./support/importer";

test.use({ storageState: ADMIN_STATE });

const SCREENS = "test-results/screens";
const FIXTURE = "test/fixtures/gitlab/gitlabhq/spec/fixtures/lib/gitlab/import_export/group_exports/complex/tree/groups";
const membersOf = (group: string) =>
  fs
    .readFileSync(path.join(FIXTURE, group, "members.ndjson"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { access_level: number; user: { id: number; username: string; public_email: string } });
const rootMembers = membersOf("4351");
// Placeholders are per top-level group: the subgroups' source users are listed with the root's, each once.
const sourceUsers = new Set(["4351", "4352", "4353"].flatMap(membersOf).map((m) => m.user.id)).size;

let source: TestSource;
test.beforeAll(async () => {
  source = await startTestSource({ version: "17.8.0-ee", batchSize: 4, exportDelayMs: 100, groups: [{ fixture: "complex", path: "people", name: "People" }] });
});
test.afterAll(async () => {
  await source?.close();
});

test("imports members as placeholders, and reassigns one in the page and one by CSV", async ({ page, browser }) => {
  test.setTimeout(180_000);
  // Two real accounts to hand contributions to, each signing up in its own browser.
  const alice = { username: uniqueName("alice"), name: "Alice Real", email: `${uniqueName("alice")}@example.com`, password: "alice password 1" };
  const bob = { username: uniqueName("bob"), name: "Bob Real", email: `${uniqueName("bob")}@example.com`, password: "bob password 12" };
  for (const user of [alice, bob]) {
    const visitor = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const p = await visitor.newPage();
    await signUp(p, user);
    await expect(p).not.toHaveURL(/sign_up/);
    await visitor.close();
  }

  const slug = uniqueName("people");
  await connectTo(page, source);
  const row = importRow(page, "people");
  await chooseParent(page, row, "people", "No parent");
  await pathInput(row, "people").fill(slug);
  await row.getByRole("button", { name: "Import with projects" }).click();
  await expect(row.getByText("Complete", { exact: true })).toBeVisible({ timeout: 120_000 });

  // Members: every source member as a placeholder (none has an account here), plus the importer.
  await page.goto(`/groups/${slug}/-/members`);
  const members = page.getByRole("table").locator("tbody tr");
  await expect(members).toHaveCount(rootMembers.length + 1);
  await expect(page.locator('tbody tr[data-placeholder="true"]')).toHaveCount(rootMembers.length);
  const charlesetta = members.filter({ hasText: "@charlesetta" });
  await expect(charlesetta.getByText("Placeholder", { exact: true })).toBeVisible();
  await expect(charlesetta).toContainText("Maintainer");
  await page.screenshot({ path: `${SCREENS}/placeholders-members.png`, fullPage: true });

  // Placeholders page: awaiting reassignment, with the source identity and contributions.
  await page.getByRole("link", { name: "Placeholders" }).click();
  const table = page.getByRole("table", { name: "Placeholder users" });
  await expect(table.locator("tbody tr")).toHaveCount(sourceUsers);
  const charlesettaRow = table.getByRole("row", { name: /@charlesetta/ });
  await expect(charlesettaRow).toContainText("garret@connellystark.ca");
  await expect(charlesettaRow).toContainText("1 membership");
  await page.screenshot({ path: `${SCREENS}/placeholders-list.png`, fullPage: true });

  // Reassign one in the page, with the searchable user field.
  const reassignTo = charlesettaRow.getByRole("button", { name: /Reassign .*charlesetta.* to/ });
  await reassignTo.click();
  await expect(reassignTo).toHaveAttribute("aria-expanded", "true");
  await page.getByRole("combobox", { name: "Search users" }).fill(alice.username.slice(0, 8));
  // The answer for the search is Alice alone; until it comes, the list still shows the previous answer (everyone).
  const found = page.getByRole("listbox", { name: "Users" }).getByRole("option");
  await expect(found).toHaveCount(1);
  await found.filter({ hasText: `@${alice.username}` }).click();
  await expect(reassignTo).toHaveAttribute("aria-expanded", "false");
  await expect(reassignTo).toHaveAccessibleName(new RegExp(`to: Alice Real \\(@${alice.username}\\)$`));
  await page.screenshot({ path: `${SCREENS}/placeholders-reassign-form.png`, fullPage: true });
  await charlesettaRow.getByRole("button", { name: "Reassign", exact: true }).click();
  await expect(table.getByRole("row", { name: /@charlesetta/ })).toHaveCount(0);

  // And one by CSV (by the source's email), with a bad line reported: preview first, then apply.
  const gwendolyn = rootMembers.find((m) => m.user.username === "gwendolyn_robel")!;
  const csv = `source username or email,local username\n${gwendolyn.user.public_email},${bob.username}\nnobody-at-all,${bob.username}\n`;
  const file = { name: "reassign.csv", mimeType: "text/csv", buffer: Buffer.from(csv) };
  await page.getByLabel("CSV file", { exact: true }).setInputFiles(file);
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByRole("table", { name: "CSV preview" });
  await expect(preview.getByRole("row", { name: /gwendolyn/ })).toContainText("Ready");
  await expect(preview.getByRole("row", { name: /nobody-at-all/ })).toContainText("Unknown source user");
  await page.screenshot({ path: `${SCREENS}/placeholders-csv-preview.png`, fullPage: true });
  await page.getByLabel("CSV file", { exact: true }).setInputFiles(file);
  await page.getByRole("button", { name: "Reassign from file" }).click();
  const results = page.getByRole("table", { name: "CSV reassignment results" });
  await expect(results.getByRole("row", { name: /gwendolyn/ })).toContainText("Reassigned");
  await page.screenshot({ path: `${SCREENS}/placeholders-csv-result.png`, fullPage: true });

  await page.goto(`/groups/${slug}/-/placeholders?status=reassigned`);
  await expect(page.getByRole("table", { name: "Placeholder users" }).locator("tbody tr")).toHaveCount(2);
  await page.screenshot({ path: `${SCREENS}/placeholders-reassigned.png`, fullPage: true });

  // The memberships moved: Alice is Maintainer and Bob Developer, as the source users were; no placeholder left for them.
  await page.goto(`/groups/${slug}/-/members`);
  await expect(members.filter({ hasText: `@${alice.username}` })).toContainText("Maintainer");
  await expect(members.filter({ hasText: `@${bob.username}` })).toContainText(gwendolyn.access_level === 30 ? "Developer" : "");
  await expect(page.locator('tbody tr[data-placeholder="true"]')).toHaveCount(rootMembers.length - 2);
  await expect(members.filter({ hasText: "charlesetta_placeholder" })).toHaveCount(0);
  await page.screenshot({ path: `${SCREENS}/placeholders-members-after.png`, fullPage: true });

  // A placeholder is no account: signing in as one fails like a wrong password.
  const anon = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const signInPage = await anon.newPage();
  const placeholderName = (await members.filter({ hasText: "reported_user_15_placeholder" }).locator("span.text-gray-500").first().innerText()).replace(/^@/, "");
  await signInPage.goto("/users/sign_in");
  await signInPage.getByLabel("Username or email").fill(placeholderName);
  await signInPage.getByLabel("Password").fill("whatever password");
  await signInPage.getByRole("button", { name: "Sign in" }).click();
  await expect(signInPage.getByRole("alert").filter({ hasText: "Invalid login or password." })).toBeVisible();
  await expect(signInPage).toHaveURL(/sign_in/);
  await anon.close();
});

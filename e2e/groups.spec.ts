import { expect, test } from "./support/test";
import { ADMIN_STATE, uniqueName } from "./support/accounts";

test.use({ storageState: ADMIN_STATE });

test("creates a group and a subgroup, with invalid and taken paths refused clearly", async ({ page }) => {
  const name = uniqueName("Platform");
  const path = name.toLowerCase();
  await page.goto("/dashboard/groups");
  await page.getByRole("link", { name: "New group" }).click();
  await expect(page).toHaveURL(/\/groups\/new/);

  await page.getByLabel("Group name").fill(name);
  await expect(page.getByLabel("Group URL")).toHaveValue(path);
  await page.getByLabel("Group URL").fill("-bad path");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("no special characters or spaces");
  await expect(page.getByRole("button", { name: "Create group" })).toBeDisabled();
  await page.getByLabel("Group URL").fill("admin");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("reserved name");
  await page.screenshot({ path: "test-results/screens/new-group-invalid.png", fullPage: true });

  await page.getByLabel("Group URL").fill(path);
  await page.getByLabel("Internal").check();
  await page.getByLabel("Description (optional)").fill("Everything the platform team owns.");
  await page.getByRole("button", { name: "Create group" }).click();
  await expect(page).toHaveURL(new RegExp(`/groups/${path}$`));
  await expect(page.getByRole("heading", { name: name })).toBeVisible();
  await expect(page.getByText("Everything the platform team owns.")).toBeVisible();
  await expect(page.getByRole("cell", { name: "Owner" })).toBeVisible();

  await page.getByRole("link", { name: "New subgroup" }).click();
  await expect(page.getByLabel("Parent group", { exact: true })).toHaveValue(/\d+/);
  await page.getByLabel("Group name").fill("Backend");
  await expect(page.getByLabel("Public")).toBeDisabled();
  await page.getByRole("button", { name: "Create group" }).click();
  await expect(page).toHaveURL(new RegExp(`/groups/${path}/backend$`));
  await page.screenshot({ path: "test-results/screens/subgroup.png", fullPage: true });

  // The same path again under the same parent: the server refuses it and the form keeps what was typed.
  await page.goto(`/groups/${path}`);
  await expect(page.getByRole("link", { name: `${name} / Backend` })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/group-page.png", fullPage: true });
  await page.getByRole("link", { name: "New subgroup" }).click();
  await page.getByLabel("Group name").fill("Backend");
  await page.getByLabel("Group URL").fill("BACKEND");
  await page.getByRole("button", { name: "Create group" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("has already been taken");
  await expect(page.getByLabel("Group name")).toHaveValue("Backend");

  await page.goto("/dashboard/groups");
  await page.getByRole("searchbox", { name: "Filter groups by name" }).fill(name);
  await page.getByRole("searchbox", { name: "Filter groups by name" }).press("Enter");
  await expect(page.getByRole("link", { name: name, exact: true })).toBeVisible();
  // The filter matches names and paths, as GitLab's does: the subgroup "Backend" is not a match for the parent's name.
  await expect(page.getByRole("link", { name: `${name} / Backend` })).toHaveCount(0);
  await page.screenshot({ path: "test-results/screens/dashboard.png", fullPage: true });
});

import { expect, test, type Page } from "./support/test";
import { ADMIN, ADMIN_STATE, uniqueName } from "./support/accounts";

test.use({ storageState: ADMIN_STATE });

async function createToken(page: Page, name: string, scope: "api" | "read_api") {
  await page.goto("/-/user_settings/personal_access_tokens");
  await page.getByLabel("Token name").fill(name);
  await page.getByRole("checkbox", { name: new RegExp(`^${scope}\\b`) }).check();
  await page.getByRole("button", { name: "Create token" }).click();
  const value = page.getByLabel("Your new personal access token");
  await expect(value).toHaveValue(/^glpat-/);
  return value.inputValue();
}

test("tokens are created once-visible, work against /api/v4, respect their scope, and stop working when revoked", async ({ page, request }) => {
  await page.goto("/-/user_settings/personal_access_tokens");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText("Token name can't be blank.")).toBeVisible();
  await expect(page.getByText("Select at least one scope.")).toBeVisible();

  const apiName = uniqueName("script");
  const token = await createToken(page, apiName, "api");
  await page.screenshot({ path: "test-results/screens/token-created.png", fullPage: true });
  await page.reload();
  await expect(page.getByLabel("Your new personal access token")).toHaveCount(0);
  await expect(page.getByText(token)).toHaveCount(0);
  await expect(page.getByRole("row", { name: new RegExp(apiName) })).toContainText("Active");

  expect((await request.get("/api/v4/user")).status()).toBe(401);
  const me = await request.get("/api/v4/user", { headers: { "PRIVATE-TOKEN": token } });
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ username: ADMIN.username, is_admin: true });

  const path = uniqueName("api-made");
  const created = await request.post("/api/v4/groups", { headers: { Authorization: `Bearer ${token}` }, data: { name: path, path } });
  expect(created.status()).toBe(201);
  const groups = await request.get(`/api/v4/groups?search=${path}&min_access_level=50`, { headers: { "PRIVATE-TOKEN": token } });
  expect(groups.headers()["x-total"]).toBe("1");
  expect((await groups.json())[0]).toMatchObject({ path, full_path: path, visibility: "private" });

  const readOnly = await createToken(page, uniqueName("reader"), "read_api");
  expect((await request.get(`/api/v4/groups/${path}`, { headers: { "PRIVATE-TOKEN": readOnly } })).status()).toBe(200);
  const refused = await request.post("/api/v4/groups", { headers: { "PRIVATE-TOKEN": readOnly }, data: { name: "x", path: uniqueName("x") } });
  expect(refused.status()).toBe(403);

  page.on("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: `Revoke ${apiName}` }).click();
  await expect(page.getByRole("row", { name: new RegExp(apiName) })).toContainText("Revoked");
  expect((await request.get("/api/v4/user", { headers: { "PRIVATE-TOKEN": token } })).status()).toBe(401);
  expect(await (await request.get(`/api/v4/groups?private_token=${token}`)).json()).toEqual({ message: "401 Unauthorized" });
});

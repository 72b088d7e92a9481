import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page, type Request } from "./support/test";
import { fromFile, startTestSource, type TestSource } from "../test/source";
import { ADMIN, ADMIN_STATE, signIn, uniqueName } from "./support/accounts";
import { withDatabase } from "./support/database";
import { chooseParent, connectTo, importRow, pathInput } from "./support/importer";
import { directive, expectCommonHeaders, expectNonPageHeaders, expectPageHeaders, expectScriptsCarryNonce, watchPolicyReports } from "./support/security-headers";

// Other Playwright runs on this machine empty test-results/: E2E_SCREENS puts the screenshots somewhere of their own.
const SCREENS = process.env.E2E_SCREENS ?? "test-results/screens";
const EVIL = "https://evil.example";

let source: TestSource;
const slug = uniqueName("headers");
/** Every page of app/(app), with the ids of an imported group's epic, boards, iteration and import filled in. */
let pages: string[] = [];

test.beforeAll(async () => {
  source = await startTestSource({ version: "18.5.0-ee", batchSize: 10, exportDelayMs: 50, groups: [{ fixture: "complex", path: "guarded", name: "Guarded" }] });
  const root = source.group("guarded");
  source.setRelation(root.id, "epic_boards", fromFile("test/fixtures/ferry/epic_boards.ndjson"));
  source.setRelation(root.id, "iterations_cadences", fromFile("test/fixtures/ferry/iterations_cadences.ndjson"));
  source.setAvatar(root.id, "group-avatar.png", await import("node:fs").then((fs) => fs.readFileSync("test/fixtures/ferry/group-avatar.png")));
});
test.afterAll(async () => {
  await source?.close();
});

test.describe.serial("security headers", () => {
  test.use({ storageState: ADMIN_STATE });

  test("imports a group, so that every kind of page has something to show", async ({ page }) => {
    test.setTimeout(300_000);
    const reports = watchPolicyReports(page);
    await connectTo(page, source);
    const row = importRow(page, "guarded");
    await chooseParent(page, row, "guarded", "No parent");
    await pathInput(row, "guarded").fill(slug);
    await row.getByRole("button", { name: "Import with projects" }).click();
    // The status changes live (EventSource and fetches to this origin): the policy must let them through.
    await expect(row.getByText(/^(Complete|Partially completed)$/)).toBeVisible({ timeout: 270_000 });
    reports.expectNone();

    const ids = await withDatabase(async (db) => {
      const one = async (sql: string, params: unknown[]) => {
        const { rows } = await db.query<{ v: number }>(sql, params);
        if (rows[0]?.v === undefined) throw new Error(`nothing for ${sql}`);
        return rows[0].v;
      };
      const group = await one("SELECT id AS v FROM groups WHERE full_path = $1", [slug]);
      return {
        epic: await one("SELECT iid AS v FROM epics WHERE group_id = $1 ORDER BY iid LIMIT 1", [group]),
        board: await one("SELECT id AS v FROM boards WHERE group_id = $1 ORDER BY id LIMIT 1", [group]),
        epicBoard: await one("SELECT id AS v FROM epic_boards WHERE group_id = $1 ORDER BY id LIMIT 1", [group]),
        iteration: await one("SELECT id AS v FROM iterations WHERE group_id = $1 ORDER BY id LIMIT 1", [group]),
        entity: await one("SELECT id AS v FROM bulk_import_entities WHERE namespace_id = $1", [group]),
        bulkImport: await one("SELECT bulk_import_id AS v FROM bulk_import_entities WHERE namespace_id = $1", [group]),
      };
    });
    const g = `/groups/${slug}`;
    pages = [
      "/dashboard/groups",
      "/groups/new",
      g,
      `${g}/-/labels`,
      `${g}/-/milestones`,
      `${g}/-/epics`,
      `${g}/-/epics/${ids.epic}`,
      `${g}/-/boards`,
      `${g}/-/boards/${ids.board}`,
      `${g}/-/epic_boards`,
      `${g}/-/epic_boards/${ids.epicBoard}`,
      `${g}/-/iterations`,
      `${g}/-/iterations/${ids.iteration}`,
      `${g}/-/badges`,
      `${g}/-/members`,
      `${g}/-/placeholders`,
      "/import/groups",
      "/import/history",
      `/import/history/${ids.entity}/failures`,
      `/import/bulk_imports/${ids.bulkImport}`,
      "/-/user_settings/personal_access_tokens",
      "/admin/settings",
    ];
  });

  test("every page of the app has its headers, scripts with its nonce, and no policy violation", async ({ page }) => {
    test.setTimeout(180_000);
    expect(pages.length).toBeGreaterThan(0);
    const reports = watchPolicyReports(page);
    const nonces = new Set<string>();
    for (const path of pages) {
      const response = (await page.goto(path))!;
      expect(response.status(), path).toBe(200);
      const nonce = expectPageHeaders(response);
      await expectScriptsCarryNonce(response, nonce);
      nonces.add(nonce);
      // Hydrated: the user menu (a client component) opens, which no script blocked by the policy could do.
      await page.getByRole("button", { name: "User menu" }).click();
      await expect(page.getByRole("menuitem", { name: "Sign out" })).toBeVisible();
      await page.keyboard.press("Escape");
    }
    // A nonce is good for one response only.
    expect(nonces.size).toBe(pages.length);
    reports.expectNone();
  });

  test("markdown, avatars and boards render with their styles under the policy", async ({ page }) => {
    const reports = watchPolicyReports(page);
    await page.goto(`/groups/${slug}`);
    const avatar = page.getByRole("heading", { name: "Guarded" }).locator("img");
    await expect(avatar).toBeVisible();
    expect(await avatar.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    const file = await page.request.get((await avatar.getAttribute("src"))!);
    expectCommonHeaders(file);
    // An uploaded file keeps its own, stricter policy.
    expect(file.headers()["content-security-policy"]).toContain("sandbox");
    await page.screenshot({ path: `${SCREENS}/security-headers-group.png`, fullPage: true });

    await page.goto(`/groups/${slug}/-/epics`);
    await page.locator(`main a[href*="/-/epics/"]`).first().click();
    await expect(page).toHaveURL(/\/-\/epics\/\d+$/);
    // Tailwind's stylesheet applied: the page's text is not the browser's default serif.
    expect(await page.locator("body").evaluate((b) => getComputedStyle(b).fontFamily)).not.toMatch(/^"?Times/);
    await page.screenshot({ path: `${SCREENS}/security-headers-epic.png`, fullPage: true });

    await page.goto(`/groups/${slug}/-/boards`);
    await expect(page.getByTestId("board-list").first()).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/security-headers-board.png`, fullPage: true });
    reports.expectNone();
  });

  test("the redirect from /, a missing page and the pages' own endpoints have them too", async ({ page }) => {
    const reports = watchPolicyReports(page);
    const home = (await page.goto("/"))!;
    await expect(page).toHaveURL(/\/dashboard\/groups$/);
    expectPageHeaders(home);
    const redirect = (await home.request().redirectedFrom()?.response())!;
    expect(redirect.status()).toBe(307);
    expectPageHeaders(redirect);

    const missing = (await page.goto(`/groups/${slug}/-/nothing-here`))!;
    expect(missing.status()).toBe(404);
    await expectScriptsCarryNonce(missing, expectPageHeaders(missing));
    reports.expectNone();

    // A route handler among the pages (cookie-authenticated JSON for the importer).
    expectPageHeaders(await page.request.get("/import/bulk_imports/realtime_changes"));
  });

  test("API answers, health checks and build assets get a policy that allows nothing", async ({ page }) => {
    expectNonPageHeaders(await page.request.get("/api/v4/metadata"));
    expectNonPageHeaders(await page.request.get("/api/v4/version", { headers: { "PRIVATE-TOKEN": "not-a-token" } }));
    expectNonPageHeaders(await page.request.get("/-/health"));
    expectNonPageHeaders(await page.request.get("/-/readiness"));
    const response = (await page.goto("/dashboard/groups"))!;
    const script = /<script\b[^>]*\bsrc="([^"]+)"/.exec(await response.text())![1]!;
    const asset = await page.request.get(script);
    expect(asset.status()).toBe(200);
    expectNonPageHeaders(asset);
  });

  test("behind a TLS proxy, responses insist on https", async ({ page }) => {
    const https = { "X-Forwarded-Proto": "https" };
    for (const path of ["/-/health", "/api/v4/metadata", "/dashboard/groups"]) {
      const response = await page.request.get(path, { headers: https });
      expect(response.headers()["strict-transport-security"], path).toBe("max-age=63072000");
    }
    const policy = (await page.request.get("/dashboard/groups", { headers: https })).headers()["content-security-policy"]!;
    expect(directive(policy, "upgrade-insecure-requests")).toBe("upgrade-insecure-requests");
    expect(directive(policy, "img-src")).toBe("img-src 'self' data: blob: https:");
  });

  test("no other site can frame a page", async ({ page, baseURL }) => {
    const app = new URL("/dashboard/groups", baseURL).href;
    // Another origin served from this machine, so that nothing but the app's headers (not the browser's rules on
    // public pages reaching local ones) can stop the frame.
    const framer = http.createServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/html" }).end(`<h1>Evil</h1><iframe src="${app}" width="800" height="600"></iframe>`);
    });
    await new Promise<void>((resolve) => framer.listen(0, "127.0.0.1", resolve));
    try {
      const framed = page.waitForResponse(app);
      await page.goto(`http://127.0.0.1:${(framer.address() as AddressInfo).port}/`);
      expect((await framed).headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
      const frame = page.frames().find((f) => f !== page.mainFrame())!;
      // The browser shows its error page in the frame instead of the app.
      await expect.poll(() => frame.url()).toMatch(/^chrome-error:/);
      await expect(frame.getByRole("heading", { name: "Groups" })).toHaveCount(0);
    } finally {
      framer.close();
    }
  });
});

test.describe("cross-origin requests", () => {
  test.use({ storageState: ADMIN_STATE });

  /** The admin settings form's server action as the browser sends it, held back from the server. */
  async function captureSettingsAction(page: Page): Promise<Request> {
    await page.goto("/admin/settings");
    await expect(page.getByLabel("Sign-up enabled")).toBeChecked();
    const captured = new Promise<Request>((resolve) => {
      void page.route("**/admin/settings", async (route) => {
        if (!route.request().headers()["next-action"]) return route.continue();
        resolve(route.request());
        await route.abort();
      });
    });
    // The forged request would turn sign-up off.
    await page.getByLabel("Sign-up enabled").uncheck();
    await page.getByRole("button", { name: "Save changes" }).click();
    return captured;
  }

  test("a server action from another origin answers 403 and changes nothing", async ({ page }) => {
    const action = await captureSettingsAction(page);
    const sent = action.headers();
    const keep = ["content-type", "accept", "next-action", "next-router-state-tree"].filter((name) => sent[name] !== undefined);
    const replay = (origin: string) =>
      page.request.post("/admin/settings", {
        headers: { ...Object.fromEntries(keep.map((name) => [name, sent[name]!])), origin },
        data: action.postDataBuffer()!,
        maxRedirects: 0,
      });

    const forged = await replay(EVIL);
    expect(forged.status()).toBe(403);
    expectCommonHeaders(forged);
    await page.unroute("**/admin/settings");
    await page.goto("/admin/settings");
    await expect(page.getByLabel("Sign-up enabled")).toBeChecked();

    // The same request from Ferry's own origin is a working action: proof that only the origin was refused.
    const own = await replay(new URL(page.url()).origin);
    expect(own.status()).toBe(200);
    await page.goto("/admin/settings");
    await expect(page.getByLabel("Sign-up enabled")).not.toBeChecked();
    await page.getByLabel("Sign-up enabled").check();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Settings saved.")).toBeVisible();
  });

  test("other writes to pages from another origin answer 403, reads do not", async ({ page }) => {
    const post = (path: string, headers: Record<string, string>) => page.request.post(path, { headers, form: { anything: "1" }, maxRedirects: 0 });
    expect((await post("/dashboard/groups", { origin: EVIL })).status()).toBe(403);
    expect((await post("/import/bulk_imports/1/cancel", { origin: EVIL })).status()).toBe(403);
    expect((await post("/users/sign_in", { origin: "null" })).status()).toBe(403);
    // No Origin, but the browser says the request comes from another site.
    expect((await post("/groups/new", { "sec-fetch-site": "cross-site" })).status()).toBe(403);
    expect((await page.request.get("/dashboard/groups", { headers: { origin: EVIL } })).status()).toBe(200);
  });

  test("signing in works under the policy, and Auth.js keeps its own CSRF check", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    const reports = watchPolicyReports(page);
    const signUp = (await page.goto("/users/sign_up"))!;
    expect(signUp.status()).toBe(200);
    await expectScriptsCarryNonce(signUp, expectPageHeaders(signUp));
    const signInPage = (await page.goto("/users/sign_in"))!;
    await expectScriptsCarryNonce(signInPage, expectPageHeaders(signInPage));
    await signIn(page, ADMIN.username, ADMIN.password);
    await expect(page).toHaveURL(/\/dashboard\/groups$/);
    reports.expectNone();

    // Auth.js's own endpoints sit under /api (no proxy): a credentials post without its CSRF token is refused.
    const forged = await context.request.post(`${baseURL}/api/auth/callback/credentials`, {
      headers: { origin: EVIL },
      form: { login: ADMIN.username, password: ADMIN.password },
      maxRedirects: 0,
    });
    expect(forged.headers()["location"] ?? "").toContain("error=MissingCSRF");
    expect(forged.headers()["set-cookie"] ?? "").not.toContain("session-token");
    await context.close();
  });
});

import { randomBytes } from "node:crypto";
import { expect, test, type Page, type Request } from "./support/test";
import type pg from "pg";
import { signUp, uniqueName } from "./support/accounts";
import { insert, notifyImportChanged, userIdOf, withDatabase } from "./support/database";

/**
 * An administrator of this spec's own: the history is per user, so the seeded rows below stay on page 1 however many
 * imports the other journeys ran as the first administrator before this one.
 */
const HISTORIAN = { username: uniqueName("historian"), name: "Hal Historian", password: "historian password 1" };
const HISTORIAN_STATE = "test-results/.auth/historian.json";
test.use({ storageState: HISTORIAN_STATE });

// GitLab's numbers (lib/migration/status.ts): the rows below are what the engine would have written.
const S = { created: 0, started: 1, finished: 2, timeout: 3, failed: -1, canceled: -2 } as const;
const T = { created: 0, started: 1, finished: 2, failed: -1 } as const;

const SOURCE = "https://gitlab.example.com";
const ago = (seconds: number) => new Date(Date.now() - seconds * 1000);

interface Seeded {
  userId: number;
  platformPath: string;
  finished: { bulkImportId: number; entityId: number; subgroupEntityId: number };
  running: { bulkImportId: number; entityId: number; milestonesTrackerId: number; waitingTrackerIds: number[] };
  pending: { bulkImportId: number; entityId: number };
  foreignEntityId: number;
}

type Tracker = [relation: string, stage: number, status: number, counts: [source: number | null, fetched: number, imported: number], span: [start: number, end: number | null] | null];

async function seedImport(client: pg.Client, userId: number, createdSecondsAgo: number, status: number, hasFailures = false) {
  return insert(client, "bulk_imports", { user_id: userId, source_url: SOURCE, source_version: "17.6.1", token_ciphertext: "seeded", status, has_failures: hasFailures, created_at: ago(createdSecondsAgo), updated_at: ago(0) });
}

async function seedEntity(
  client: pg.Client,
  bulkImportId: number,
  createdSecondsAgo: number,
  values: { source: string; namespace: string; slug: string; status: number; groupId?: number; parentId?: number; hasFailures?: boolean; span?: [number, number | null] },
) {
  return insert(client, "bulk_import_entities", {
    bulk_import_id: bulkImportId,
    parent_id: values.parentId ?? null,
    source_type: "group_entity",
    source_full_path: values.source,
    destination_namespace: values.namespace,
    destination_slug: values.slug,
    namespace_id: values.groupId ?? null,
    status: values.status,
    has_failures: values.hasFailures ?? false,
    created_at: ago(createdSecondsAgo),
    started_at: values.span ? ago(createdSecondsAgo - values.span[0]) : null,
    finished_at: values.span?.[1] != null ? ago(createdSecondsAgo - values.span[1]) : null,
  });
}

/** Trackers with times as offsets (seconds) from the entity's creation. */
async function seedTrackers(client: pg.Client, entityId: number, createdSecondsAgo: number, trackers: Tracker[]) {
  const ids: number[] = [];
  for (const [relation, stage, status, [source, fetched, imported], span] of trackers) {
    ids.push(
      await insert(client, "bulk_import_trackers", {
        bulk_import_entity_id: entityId,
        relation,
        stage,
        status,
        batched: relation === "labels" && (source ?? 0) > 1000,
        source_objects_count: source,
        fetched_objects_count: fetched,
        imported_objects_count: imported,
        started_at: span ? ago(createdSecondsAgo - span[0]) : null,
        finished_at: span?.[1] != null ? ago(createdSecondsAgo - span[1]) : null,
      }),
    );
  }
  return ids;
}

async function seedGroup(client: pg.Client, userId: number, name: string, fullPath: string, parentId: number | null = null) {
  const id = await insert(client, "groups", { parent_id: parentId, name, path: fullPath.split("/").pop(), full_path: fullPath, full_name: name });
  await client.query("UPDATE groups SET traversal_ids = coalesce((SELECT traversal_ids FROM groups WHERE id = $2), '{}') || ARRAY[$1::int] WHERE id = $1", [id, parentId]);
  await insert(client, "group_members", { group_id: id, user_id: userId, access_level: 50 });
  return id;
}

/** Running now: some relations done, milestones half way, boards and epics waiting for their stage. */
async function seedRunning(client: pg.Client, userId: number): Promise<Seeded["running"]> {
  const slug = `mobile-${randomBytes(3).toString("hex")}`;
  const mobileGroup = await seedGroup(client, userId, "Mobile", slug);
  const bulkImportId = await seedImport(client, userId, 180, S.started);
  const entityId = await seedEntity(client, bulkImportId, 180, { source: "acme/mobile", namespace: "", slug, status: S.started, groupId: mobileGroup, span: [4, null] });
  const trackers = await seedTrackers(client, entityId, 180, [
    ["self", 0, T.finished, [1, 1, 1], [5, 8]],
    ["members", 1, T.finished, [4, 4, 4], [9, 12]],
    ["labels", 1, T.finished, [64, 64, 64], [9, 20]],
    ["milestones", 1, T.started, [120, 60, 40], [9, null]],
    ["badges", 1, T.finished, [2, 2, 2], [9, 10]],
    ["boards", 2, T.created, [null, 0, 0], null],
    ["epics", 2, T.created, [null, 0, 0], null],
  ]);
  return { bulkImportId, entityId, milestonesTrackerId: trackers[3]!, waitingTrackerIds: trackers.slice(5) };
}

/** Just submitted: nothing started yet. */
async function seedPending(client: pg.Client, userId: number, namespace: string): Promise<Seeded["pending"]> {
  const bulkImportId = await seedImport(client, userId, 10, S.created);
  const entityId = await seedEntity(client, bulkImportId, 10, { source: "acme/website", namespace, slug: "website", status: S.created });
  return { bulkImportId, entityId };
}

/**
 * What every test reads and none changes. A test that changes an import (the live updates) seeds its own with
 * seedRunning or seedPending, so that the tests do not depend on each other's order or outcome: one failing does not
 * take the others with it.
 */
async function seed(): Promise<Seeded> {
  return withDatabase(async (client) => {
    const userId = await userIdOf(client, HISTORIAN.username);
    const suffix = randomBytes(3).toString("hex");
    const platformPath = `platform-${suffix}`;
    const platformGroup = await seedGroup(client, userId, "Platform", platformPath);
    const backendGroup = await seedGroup(client, userId, "Backend", `${platformPath}/backend`, platformGroup);

    // Older, finished imports fill a second page.
    const archive = await seedImport(client, userId, 2 * 86400, S.finished);
    for (let i = 0; i < 20; i++) {
      const created = 2 * 86400 - i;
      const entity = await seedEntity(client, archive, created, { source: `acme/archive/repo-${String(i).padStart(2, "0")}`, namespace: "archive", slug: `repo-${i}`, status: S.finished, span: [1, 30] });
      await seedTrackers(client, entity, created, [
        ["self", 0, T.finished, [1, 1, 1], [1, 3]],
        ["labels", 1, T.finished, [4, 4, 4], [4, 9]],
      ]);
    }

    // Finished two hours ago, with a subgroup, failures and a count that does not match the source's.
    const finishedImport = await seedImport(client, userId, 7200, S.finished, true);
    const platform = await seedEntity(client, finishedImport, 7200, { source: "acme/platform", namespace: "", slug: platformPath, status: S.finished, groupId: platformGroup, hasFailures: true, span: [8, 98] });
    const labelTrackers = await seedTrackers(client, platform, 7200, [
      ["self", 0, T.finished, [1, 1, 1], [10, 13]],
      ["namespace_settings", 1, T.finished, [1, 1, 1], [14, 15]],
      ["subgroups", 1, T.finished, [1, 1, 1], [14, 17]],
      ["members", 1, T.finished, [8, 8, 8], [14, 19]],
      ["labels", 1, T.finished, [1500, 1500, 1498], [14, 52]],
      ["milestones", 1, T.finished, [12, 12, 12], [14, 21]],
      ["badges", 1, T.finished, [2, 2, 2], [14, 16]],
      ["boards", 2, T.finished, [3, 3, 3], [53, 60]],
      ["epics", 2, T.finished, [40, 40, 39], [53, 98]],
    ]);
    const labelsTracker = labelTrackers[4]!;
    await insert(client, "bulk_import_batch_trackers", { tracker_id: labelsTracker, batch_number: 1, status: S.finished, fetched_objects_count: 1000, imported_objects_count: 999, started_at: ago(7200 - 14), finished_at: ago(7200 - 33) });
    await insert(client, "bulk_import_batch_trackers", { tracker_id: labelsTracker, batch_number: 2, status: S.finished, fetched_objects_count: 500, imported_objects_count: 499, started_at: ago(7200 - 33), finished_at: ago(7200 - 52) });
    const failure = (relation: string, values: Record<string, unknown>) =>
      insert(client, "bulk_import_failures", { bulk_import_entity_id: platform, relation, pipeline_class: `BulkImports::Common::Pipelines::${relation}Pipeline`, pipeline_step: "loader", ...values });
    await failure("labels", { exception_class: "ActiveRecord::RecordInvalid", exception_message: "Validation failed: Title has already been taken", source_title: "bug", source_url: `${SOURCE}/groups/acme/platform/-/labels?search=bug`, correlation_id_value: "01JD4Z9K3M5N7P8Q", created_at: ago(7200 - 30) });
    await failure("labels", { exception_class: "ActiveRecord::RecordInvalid", exception_message: "Validation failed: Color must be a valid color code", source_title: "needs triage", source_url: `${SOURCE}/groups/acme/platform/-/labels?search=needs+triage`, correlation_id_value: "01JD4Z9K3M5N7P8R", created_at: ago(7200 - 45) });
    await failure("epics", { exception_class: "BulkImports::NetworkError", exception_message: "Net::ReadTimeout with #<TCPSocket:(closed)>", source_title: "Q3 roadmap", source_url: `${SOURCE}/groups/acme/platform/-/epics/12`, correlation_id_value: "01JD4ZA0B1C2D3E4", pipeline_step: "extractor", created_at: ago(7200 - 90) });
    const backend = await seedEntity(client, finishedImport, 7183, { source: "acme/platform/backend", namespace: platformPath, slug: "backend", status: S.finished, groupId: backendGroup, parentId: platform, span: [3, 16] });
    await seedTrackers(client, backend, 7183, [
      ["self", 0, T.finished, [1, 1, 1], [3, 5]],
      ["labels", 1, T.finished, [30, 30, 30], [6, 13]],
      ["milestones", 1, T.finished, [5, 5, 5], [6, 9]],
      ["boards", 2, T.finished, [1, 1, 1], [14, 16]],
    ]);

    // A failed one, and an import cancelled by its user that also had a group time out.
    const failedImport = await seedImport(client, userId, 1800, S.failed, true);
    const legacy = await seedEntity(client, failedImport, 1800, { source: "acme/legacy", namespace: "", slug: "legacy", status: S.failed, hasFailures: true, span: [2, 9] });
    await seedTrackers(client, legacy, 1800, [["self", 0, T.failed, [null, 0, 0], [2, 9]]]);
    await insert(client, "bulk_import_failures", {
      bulk_import_entity_id: legacy,
      relation: "self",
      pipeline_class: "BulkImports::Groups::Pipelines::GroupPipeline",
      pipeline_step: "pipeline_worker_run",
      exception_class: "BulkImports::NetworkError",
      exception_message: "Unsuccessful response 404 from /api/v4/groups/acme%2Flegacy",
      created_at: ago(1791),
    });
    const stopped = await seedImport(client, userId, 1200, S.canceled);
    await seedEntity(client, stopped, 1200, { source: "acme/design", namespace: "", slug: "design", status: S.canceled, span: [2, 40] });
    await seedEntity(client, stopped, 1199, { source: "acme/data", namespace: "", slug: "data", status: S.timeout, span: [2, 600] });

    const running = await seedRunning(client, userId);
    const pending = await seedPending(client, userId, platformPath);

    // Someone else's import: never on the admin's own list.
    const otherName = `other-${suffix}`;
    const otherUser = await insert(client, "users", { username: otherName, email: `${otherName}@example.com`, name: "Other User" });
    const foreignImport = await seedImport(client, otherUser, 60, S.finished);
    const foreignEntityId = await seedEntity(client, foreignImport, 60, { source: "other/secret", namespace: "", slug: "secret", status: S.finished, span: [1, 5] });

    return {
      userId,
      platformPath,
      finished: { bulkImportId: finishedImport, entityId: platform, subgroupEntityId: backend },
      running,
      pending,
      foreignEntityId,
    };
  });
}

const row = (page: Page, entityId: number) => page.locator(`tbody[data-entity-id="${entityId}"]`);

async function waitForLive(page: Page) {
  await expect(page.locator('[data-live-state="live"]')).toBeVisible();
}

test.describe("import history", () => {
  let seeded: Seeded;

  test.beforeAll(async ({ browser }) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    await signUp(page, { ...HISTORIAN, email: `${HISTORIAN.username}@example.com` });
    await expect(page).toHaveURL(/\/dashboard\/groups/);
    await withDatabase((client) => client.query("UPDATE users SET is_admin = true WHERE username = $1", [HISTORIAN.username]));
    await context.storageState({ path: HISTORIAN_STATE });
    await context.close();
    seeded = await seed();
  });

  test("lists imports with GitLab's statuses, counts per relation, errors and pages", async ({ page }) => {
    await page.goto("/import/history");
    await expect(page.getByRole("heading", { name: "Migration history" })).toBeVisible();

    const platform = row(page, seeded.finished.entityId);
    await expect(platform.getByRole("link", { name: /^acme\/platform/ })).toHaveAttribute("href", `${SOURCE}/acme/platform`);
    await expect(platform.getByRole("link", { name: seeded.platformPath, exact: true })).toHaveAttribute("href", `/groups/${seeded.platformPath}`);
    await expect(platform.getByText("Partially completed")).toBeVisible();
    await expect(platform.getByRole("link", { name: "Show errors (3) ›" })).toBeVisible();
    await expect(row(page, seeded.finished.subgroupEntityId).getByText("Complete", { exact: true })).toBeVisible();
    await expect(row(page, seeded.finished.subgroupEntityId).getByRole("link", { name: /Show errors/ })).toHaveCount(0);

    const mobile = row(page, seeded.running.entityId);
    await expect(mobile.getByText("Importing…")).toBeVisible();
    await expect(mobile.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "61");
    await expect(mobile.getByText("4 of 7 relations")).toBeVisible();
    await expect(mobile.getByText("111 of 191 items")).toBeVisible();

    const statuses = page.locator("tbody[data-entity-id] > tr:first-child td:nth-child(4)");
    for (const status of ["Pending", "Failed", "Cancelled", "Timeout"]) await expect(statuses.getByText(status, { exact: true }).first()).toBeVisible();
    await expect(page.getByText("other/secret")).toHaveCount(0);

    await platform.getByRole("button", { name: /9 relations/ }).click();
    await expect(platform.getByRole("button", { name: /9 relations/ })).toHaveAttribute("aria-expanded", "true");
    const relations = platform.getByRole("table", { name: "Relations of acme/platform" });
    const labels = relations.getByRole("row", { name: /^Label/ });
    await expect(labels).toHaveAttribute("data-mismatch", "true");
    await expect(labels).toContainText("1,498");
    await expect(labels).toContainText("1,500");
    await expect(relations.getByRole("row", { name: /^Milestone/ })).not.toHaveAttribute("data-mismatch", "true");
    await page.screenshot({ path: "test-results/screens/history-list.png", fullPage: true });
    // The mismatch leads to the failures behind it, and only those.
    await labels.getByRole("link", { name: "2 failed" }).click();
    await expect(page).toHaveURL(`/import/history/${seeded.finished.entityId}/failures?relation=labels`);
    await expect(page.getByText("Showing the items of Label only.")).toBeVisible();
    await expect(page.getByRole("cell", { name: /Title has already been taken|Color must be a valid color code/ })).toHaveCount(2);
    await expect(page.getByText("Net::ReadTimeout")).toHaveCount(0);
    await page.goto("/import/history");

    await page.getByRole("navigation", { name: "History pagination" }).getByRole("link", { name: "2", exact: true }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(page.getByText(/acme\/archive\/repo-\d+/).first()).toBeVisible();
    await expect(page.getByText("acme/mobile")).toHaveCount(0);

    // Administrators can look at everyone's imports when they ask.
    await page.getByRole("link", { name: "All users" }).click();
    await expect(page.getByText("other/secret")).toBeVisible();
    await expect(page.getByText(`by @other-`)).toBeVisible();
  });

  test("a running import's details show a live timeline of its relations", async ({ page }) => {
    const running = await withDatabase((client) => seedRunning(client, seeded.userId));
    await page.goto(`/import/bulk_imports/${running.bulkImportId}`);
    await expect(page.getByRole("heading", { name: /Migration details/ })).toContainText("Importing…");
    const timeline = page.getByRole("figure", { name: "Timeline" });
    await expect(timeline.getByRole("img", { name: /^Milestone: Importing…/ })).toBeVisible();
    await expect(timeline.getByText("waiting")).toHaveCount(2);
    await waitForLive(page);

    const milestones = page.getByRole("table", { name: /Relations/ }).getByRole("row", { name: /^Milestone/ });
    await expect(milestones.getByRole("cell", { name: "40", exact: true })).toBeVisible();
    await withDatabase(async (client) => {
      await client.query("UPDATE bulk_import_trackers SET imported_objects_count = 80, fetched_objects_count = 90 WHERE id = $1", [running.milestonesTrackerId]);
      await notifyImportChanged(client, { userId: seeded.userId, bulkImportId: running.bulkImportId, entityId: running.entityId });
    });
    await expect(milestones.getByRole("cell", { name: "80", exact: true })).toBeVisible();
    await page.screenshot({ path: "test-results/screens/history-details-running.png", fullPage: true });
  });

  // How fast is measured and reported (an annotation), not asserted: a busy machine must not fail the run.
  test("a status change written to the database shows on the open history page, live, without reload", async ({ page }) => {
    const running = await withDatabase((client) => seedRunning(client, seeded.userId));
    await page.goto("/import/history");
    const mobile = row(page, running.entityId);
    await expect(mobile.getByText("Importing…")).toBeVisible();
    await waitForLive(page);
    await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));

    let committed = 0;
    await withDatabase(async (client) => {
      await client.query("BEGIN");
      await client.query("UPDATE bulk_import_trackers SET status = $2, imported_objects_count = 120, fetched_objects_count = 120, finished_at = now() WHERE id = $1", [running.milestonesTrackerId, T.finished]);
      await client.query("UPDATE bulk_import_trackers SET status = $2, source_objects_count = 0, started_at = now() - interval '2 seconds', finished_at = now() WHERE id = ANY($1)", [running.waitingTrackerIds, T.finished]);
      await client.query("UPDATE bulk_import_entities SET status = $2, finished_at = now() WHERE id = $1", [running.entityId, S.finished]);
      await client.query("UPDATE bulk_imports SET status = $2, updated_at = now() WHERE id = $1", [running.bulkImportId, S.finished]);
      await notifyImportChanged(client, { userId: seeded.userId, bulkImportId: running.bulkImportId, entityId: running.entityId });
      await client.query("COMMIT");
      committed = Date.now();
    });
    await expect(mobile.getByText("Complete", { exact: true })).toBeVisible();
    const elapsed = Date.now() - committed;
    await expect(mobile.getByRole("progressbar")).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
    test.info().annotations.push({ type: "live update", description: `${elapsed} ms from commit to the page` });
    await page.screenshot({ path: "test-results/screens/history-live.png", fullPage: true });
  });

  test("a hidden tab lets go of the event stream and catches up with what it missed when shown again", async ({ page }) => {
    const pending = await withDatabase((client) => seedPending(client, seeded.userId, seeded.platformPath));
    await page.goto("/import/history");
    const website = row(page, pending.entityId);
    await expect(website.getByText("Pending")).toBeVisible();
    await waitForLive(page);
    const setVisibility = (state: "hidden" | "visible") =>
      page.evaluate((value) => {
        Object.defineProperty(document, "visibilityState", { configurable: true, get: () => value });
        Object.defineProperty(document, "hidden", { configurable: true, get: () => value === "hidden" });
        document.dispatchEvent(new Event("visibilitychange"));
      }, state);

    await setVisibility("hidden");
    await expect(page.locator('[data-live-state="offline"]')).toBeVisible();
    const streamsOpened: string[] = [];
    const onRequest = (request: Request) => {
      if (new URL(request.url()).pathname === "/import/bulk_imports/events") streamsOpened.push(request.url());
    };
    page.on("request", onRequest);
    // Another tab of the user stays live: once it shows the change, the event has reached every open stream, and the
    // hidden tab, which has none, must still show the old state.
    const witness = await page.context().newPage();
    await witness.goto("/import/history");
    await expect(row(witness, pending.entityId).getByText("Pending")).toBeVisible();
    await waitForLive(witness);
    await withDatabase(async (client) => {
      await client.query("UPDATE bulk_import_entities SET status = $2, started_at = now() WHERE id = $1", [pending.entityId, S.started]);
      await notifyImportChanged(client, { userId: seeded.userId, bulkImportId: pending.bulkImportId, entityId: pending.entityId });
    });
    await expect(row(witness, pending.entityId).getByText("Importing…")).toBeVisible();
    await witness.close();
    await expect(website.getByText("Pending")).toBeVisible();
    page.off("request", onRequest);
    expect(streamsOpened).toEqual([]);

    await setVisibility("visible");
    await waitForLive(page);
    // Once live again, nothing polls: only the catch-up fetch on reconnect can bring the change, however long a busy
    // machine takes to serve it (3 s failed at a load of 15).
    await expect(website.getByText("Importing…")).toBeVisible({ timeout: 15_000 });
  });

  test("a change committed between the page's render and its live connection shows once connected", async ({ page }) => {
    const pending = await withDatabase((client) => seedPending(client, seeded.userId, seeded.platformPath));
    // The event stream held until the change below has committed: its event reaches no stream of this tab, as when
    // a fast import ends while a slow machine still hydrates the page it redirected to.
    let open!: () => void;
    const held = new Promise<void>((resolve) => (open = resolve));
    await page.route("**/import/bulk_imports/events", async (route) => {
      await held;
      await route.continue();
    });
    await page.goto("/import/history");
    const website = row(page, pending.entityId);
    await expect(website.getByText("Pending")).toBeVisible();
    await withDatabase(async (client) => {
      await client.query("UPDATE bulk_import_entities SET status = $2, started_at = now() WHERE id = $1", [pending.entityId, S.started]);
      await notifyImportChanged(client, { userId: seeded.userId, bulkImportId: pending.bulkImportId, entityId: pending.entityId });
    });
    open();
    await waitForLive(page);
    // Live, nothing polls: only the catch-up on connecting can bring the change (the 5 s polling of a page with a
    // running import stops once connected; it had not run yet).
    await expect(website.getByText("Importing…")).toBeVisible({ timeout: 15_000 });
  });

  test("Show errors lists the failed items with links to the source records", async ({ page }) => {
    await page.goto("/import/history");
    await row(page, seeded.finished.entityId).getByRole("link", { name: /Show errors/ }).click();
    await expect(page).toHaveURL(new RegExp(`/import/history/${seeded.finished.entityId}/failures$`));
    await expect(page.getByRole("heading", { name: `Items that failed to be imported for ${seeded.platformPath}` })).toBeVisible();
    const table = page.getByRole("table");
    await expect(table.getByRole("row")).toHaveCount(4);
    await expect(table.getByRole("link", { name: /Q3 roadmap/ })).toHaveAttribute("href", `${SOURCE}/groups/acme/platform/-/epics/12`);
    await expect(table.getByRole("row", { name: /Epic/ })).toContainText("BulkImports::NetworkError");
    await expect(table.getByRole("row", { name: /Epic/ })).toContainText("01JD4ZA0B1C2D3E4");
    await expect(table.getByText("Validation failed: Title has already been taken")).toBeVisible();
    await page.screenshot({ path: "test-results/screens/history-failures.png", fullPage: true });

    await page.getByRole("link", { name: "‹ Migration history" }).click();
    await expect(page).toHaveURL(/\/import\/history$/);
    const missing = await page.goto("/import/history/2000000000/failures");
    expect(missing?.status()).toBe(404);
  });

  test("Details draws the timeline of a finished import, bar by relation, with the numbers in a table", async ({ page }) => {
    await page.goto("/import/history");
    await row(page, seeded.finished.entityId).getByRole("link", { name: "Details of the import of acme/platform" }).click();
    await expect(page).toHaveURL(new RegExp(`/import/bulk_imports/${seeded.finished.bulkImportId}$`));
    await expect(page.getByRole("heading", { name: /Migration details/ })).toContainText("Partially completed");
    // From the first group's start to the last one's finish.
    await expect(page.getByRole("term").filter({ hasText: "Took" }).locator("xpath=following-sibling::dd")).toHaveText("1 min 30 s");
    const timeline = page.getByRole("figure", { name: "Timeline" });
    // One bar per relation of both groups (the groups' own bars are labelled without "from").
    await expect(timeline.getByRole("img", { name: /: Complete, from/ })).toHaveCount(13);
    await expect(timeline.getByRole("img", { name: /^Label: Complete, from 0:14 for 38 s, 1,498 of 1,500 records/ })).toBeVisible();
    await expect(timeline.getByText("1:30").first()).toBeVisible();
    const table = page.getByRole("table", { name: /Relations/ });
    await expect(table.getByRole("row", { name: /^Label/ }).first()).toContainText("2 / 2");
    await expect(table.getByRole("row", { name: /^Epic/ })).toContainText("45 s");
    await page.screenshot({ path: "test-results/screens/history-details.png", fullPage: true });
  });

  test("another user sees an empty history and cannot open the administrator's imports", async ({ browser }) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    const name = uniqueName("viewer");
    await signUp(page, { username: name, email: `${name}@example.com`, name: "Vera Viewer", password: "viewer password 1" });
    await expect(page).toHaveURL(/\/dashboard\/groups/);
    await page.goto("/import/history");
    await expect(page.getByRole("heading", { name: "No history is available" })).toBeVisible();
    await expect(page.getByRole("main").getByRole("link", { name: "Import groups" })).toHaveAttribute("href", "/import/groups");
    await expect(page.getByRole("link", { name: "All users" })).toHaveCount(0);
    await page.screenshot({ path: "test-results/screens/history-empty.png", fullPage: true });
    expect((await page.goto(`/import/bulk_imports/${seeded.finished.bulkImportId}`))?.status()).toBe(404);
    expect((await page.goto(`/import/history/${seeded.finished.entityId}/failures`))?.status()).toBe(404);
    expect((await page.goto(`/import/history/${seeded.foreignEntityId}/failures`))?.status()).toBe(404);
    await context.close();
  });
});

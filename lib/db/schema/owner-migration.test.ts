import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createScratchDatabase } from "@/test/helpers/scratch-database";

const MIGRATIONS = path.resolve(process.cwd(), "drizzle");
const OWNER_MODEL = "0007_owner_model";

/** The migrations folder as it was before `tag`: its SQL files and a journal that ends just before it. */
function migrationsBefore(tag: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-migrations-"));
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS, "meta", "_journal.json"), "utf8")) as { entries: { idx: number; tag: string }[] };
  const last = journal.entries.findIndex((entry) => entry.tag === tag);
  expect(last).toBeGreaterThan(0);
  const entries = journal.entries.slice(0, last);
  fs.mkdirSync(path.join(dir, "meta"));
  fs.writeFileSync(path.join(dir, "meta", "_journal.json"), JSON.stringify({ ...journal, entries }));
  for (const entry of entries) fs.copyFileSync(path.join(MIGRATIONS, `${entry.tag}.sql`), path.join(dir, `${entry.tag}.sql`));
  return dir;
}

/** A database of its own on the test server, dropped afterwards. */
async function withDatabase(run: (pool: pg.Pool) => Promise<void>): Promise<void> {
  const database = await createScratchDatabase("ferry_migration");
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  try {
    await run(pool);
  } finally {
    await pool.end();
    await database.drop();
  }
}

describe("the owner model migration", () => {
  it("keeps every row, gives state changes their epic's group, and leaves the group's unique titles in force", async () => {
    const before = migrationsBefore(OWNER_MODEL);
    try {
      await withDatabase(async (pool) => {
        const db = drizzle(pool);
        await migrate(db, { migrationsFolder: before });
        const q = async (text: string) => (await pool.query(text)).rows;
        const [user] = await q(`INSERT INTO users (username, email, name) VALUES ('ann', 'ann@example.com', 'Ann') RETURNING id`);
        const [group] = await q(`INSERT INTO groups (name, path, full_path, full_name) VALUES ('G', 'g', 'g', 'G') RETURNING id`);
        const g = group.id as number;
        await q(`INSERT INTO labels (group_id, title) VALUES (${g}, 'bug'), (${g}, 'feature')`);
        await q(`INSERT INTO milestones (group_id, iid, title) VALUES (${g}, 1, 'v1')`);
        await q(`INSERT INTO badges (group_id, link_url, image_url) VALUES (${g}, 'https://a.test', 'https://a.test/b.png')`);
        const [board] = await q(`INSERT INTO boards (group_id, name) VALUES (${g}, 'Dev') RETURNING id`);
        await q(`INSERT INTO board_lists (board_id, list_type) VALUES (${board.id}, 'backlog')`);
        await q(`INSERT INTO uploads (group_id, secret, filename, storage_path, size, sha256) VALUES (${g}, 's', 'f.png', 'p', 1, '0')`);
        const [epic] = await q(`INSERT INTO epics (group_id, iid, title) VALUES (${g}, 1, 'E') RETURNING id`);
        const [note] = await q(`INSERT INTO notes (group_id, noteable_type, noteable_id, note) VALUES (${g}, 'Epic', ${epic.id}, 'hi') RETURNING id`);
        await q(`INSERT INTO award_emoji (awardable_type, awardable_id, name, user_id) VALUES ('Note', ${note.id}, 'thumbsup', ${user.id})`);
        await q(`INSERT INTO events (group_id, action, target_type, target_id) VALUES (${g}, 'created', 'Epic', ${epic.id})`);
        await q(`INSERT INTO resource_state_events (epic_id, state) VALUES (${epic.id}, 'closed'), (${epic.id}, 'reopened')`);
        await q(`INSERT INTO group_members (group_id, user_id, access_level) VALUES (${g}, ${user.id}, 50)`);
        const tables = ["labels", "milestones", "badges", "boards", "board_lists", "uploads", "epics", "notes", "award_emoji", "events", "resource_state_events", "group_members"];
        const count = async () => Object.fromEntries(await Promise.all(tables.map(async (t) => [t, Number((await q(`SELECT count(*) FROM ${t}`))[0].count)])));
        const counted = await count();

        await migrate(db, { migrationsFolder: MIGRATIONS });

        expect(await count()).toEqual(counted);
        for (const table of ["labels", "milestones", "badges", "boards", "uploads", "notes", "events", "resource_state_events"]) {
          expect(await q(`SELECT DISTINCT group_id, project_id FROM ${table}`), table).toEqual([{ group_id: g, project_id: null }]);
        }
        await expect(q(`INSERT INTO labels (group_id, title) VALUES (${g}, 'bug')`)).rejects.toMatchObject({ code: "23505", constraint: "labels_group_title_idx" });
        const [project] = await q(`INSERT INTO projects (namespace_id, name, path) VALUES (${g}, 'P', 'p') RETURNING id`);
        await q(`INSERT INTO labels (project_id, title) VALUES (${project.id}, 'bug')`);
        await expect(q(`INSERT INTO projects (namespace_id, name, path) VALUES (${g}, 'P2', 'P')`)).rejects.toMatchObject({ code: "23505", constraint: "projects_namespace_path_idx" });
        // Deleting the group takes its projects and everything both owned.
        await q(`DELETE FROM groups WHERE id = ${g}`);
        expect(await q(`SELECT count(*)::int AS n FROM labels`)).toEqual([{ n: 0 }]);
      });
    } finally {
      fs.rmSync(before, { recursive: true, force: true });
    }
  }, 60_000);
});

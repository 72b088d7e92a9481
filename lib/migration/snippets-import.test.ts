import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { awardEmoji, getDb, notes, projects, snippets, users } from "@/lib/db";
import { makeUser, unique } from "@/test/helpers/factories";
import { importResult, waitForImports } from "@/test/helpers/imports";
import { runImportWorker } from "@/test/helpers/import-worker";
import { repositoryExists, repositoryPath } from "@/lib/repositories";
import { git, temporaryDirectory } from "@/test/helpers/git-client";
import { makeSnippetRepository } from "@/test/helpers/source-repository";
import { DEFAULT_TOKEN, fromRecords, ndjsonRecords, projectTreeFile, startTestSource, type TestSource } from "@/test/source";
import { snippetsPipeline } from "./pipelines/projects/snippets";
import { startImports, STATUS, TRACKER_STATUS } from "./index";

runImportWorker("pgboss_snippets_import_test");

const ROOT = 4351;
const scratch = temporaryDirectory("ferry-snippets-import-");
const refsOf = (repo: string) => git(repo, ["for-each-ref", "--format=%(objectname) %(objecttype) %(refname)"]);
const objectsOf = (repo: string) => git(repo, ["cat-file", "--batch-all-objects", "--batch-check=%(objectname) %(objecttype)"]);

/** GitLab's complex fixture's snippet, a second one of another author with its own note, and one GitLab would refuse. */
function snippetRecords() {
  const [fixture] = ndjsonRecords(projectTreeFile("snippets"));
  const second = {
    id: 2, title: "Second snippet", content: "puts 1", file_name: "hello.rb", visibility_level: 0, description: "**bold**", author_id: 2,
    created_at: "2021-03-04T05:06:07.890Z", updated_at: "2021-03-05T05:06:07.890Z", award_emoji: [],
    notes: [{ id: 900, note: "A reply", noteable_type: "Snippet", author_id: 2, author: { name: "Second author" }, created_at: "2021-03-05T00:00:00.000Z", updated_at: "2021-03-05T00:00:00.000Z", award_emoji: [] }],
  };
  const bad = { id: 3, title: "Bad visibility", content: "", visibility_level: 15, author_id: 1, created_at: "2021-01-01T00:00:00.000Z" };
  return [fixture!, second, bad];
}

async function importApp(source: TestSource) {
  const user = await makeUser();
  const slug = unique("dest");
  const [started] = await startImports(user, { url: source.url, token: DEFAULT_TOKEN }, [
    { sourceFullPath: source.group(ROOT).path, destinationSlug: slug, destinationNamespace: "", migrateProjects: true, migrateMemberships: false },
  ]);
  const [bulkImport] = await waitForImports([started!.bulkImportId]);
  const result = await importResult(started!.bulkImportId);
  return { bulkImport: bulkImport!, entry: result.get(`${source.group(ROOT).path}/app`)! };
}

describe("project snippets, by direct transfer", () => {
  it("imports each snippet with its legacy file, author, award emoji, notes and repository; bad records and repositories are one failure each; a replay adds nothing", async () => {
    const source = await startTestSource({ version: "17.8.0-ee", batchSize: 2, exportDelayMs: 50 });
    const valid = await makeSnippetRepository(scratch, [{ "x.rb": "x = 1\n" }, { "x.rb": "x = 2\n", "lib/y.rb": "y = 3\n" }]);
    const app = source.addProject({
      groupId: ROOT, path: "app", name: "App", fixtureProject: "complex", relations: { snippets: fromRecords(snippetRecords()), releases: fromRecords([]) },
      snippets: [
        // The fixture's snippet, created at the same second (GraphQL gives no milliseconds): mirrored.
        { id: 1, title: "Test snippet title", createdAt: "2019-11-05T15:06:06Z", repository: valid },
        // A repository with a tag, which GitLab's validation refuses: removed, one failure.
        { id: 2, title: "Second snippet", createdAt: "2021-03-04T05:06:07Z", repository: await makeSnippetRepository(scratch, [{ "hello.rb": "puts 1\n" }], { tag: true }) },
        // No imported snippet has this title, nor the bad record's time: skipped.
        { id: 4, title: "Not imported", createdAt: "2021-01-01T00:00:00Z", repository: valid },
        { id: 3, title: "Bad visibility", createdAt: "2021-01-01T00:00:00Z", repository: valid },
        // No repository: not listed for mirroring.
        { id: 5, title: "Legacy only", createdAt: "2021-01-01T00:00:00Z" },
      ],
    });
    try {
      const { bulkImport, entry } = await importApp(source);
      expect(bulkImport.status).toBe(STATUS.finished);
      expect(entry.entity.status).toBe(STATUS.finished);
      expect(entry.trackers.get("snippets")).toMatchObject({ status: TRACKER_STATUS.finished, sourceObjectsCount: 3, importedObjectsCount: 2, batched: true });
      expect(entry.failures.map((f) => [f.relation, f.exceptionMessage]).sort()).toEqual([
        ["snippets", expect.stringMatching(/visibility_level 15/)],
        ["snippets_repository", "Error: Repository has tags."],
      ]);
      // Four nodes with a repository, two of them matched, one valid.
      expect(entry.trackers.get("snippets_repository")).toMatchObject({ status: TRACKER_STATUS.finished, sourceObjectsCount: 4, fetchedObjectsCount: 2, importedObjectsCount: 1 });
      expect(source.requests.some((r) => r.route === "/api/graphql" && r.status === 200)).toBe(true);
      expect(source.requests.some((r) => r.path.endsWith("/app/snippets/1.git/git-upload-pack") && r.tokenVia === "basic")).toBe(true);
      const projectId = entry.entity.projectId!;
      const rows = await getDb().select().from(snippets).where(eq(snippets.projectId, projectId)).orderBy(asc(snippets.createdAt));
      expect(rows.map((s) => [s.title, s.content, s.fileName, s.visibilityLevel, s.description])).toEqual([
        ["Test snippet title", "x = 1", "", 20, "Test snippet description"],
        ["Second snippet", "puts 1", "hello.rb", 0, "**bold**"],
      ]);
      expect(rows[0]!.createdAt.toISOString()).toBe("2019-11-05T15:06:06.579Z");
      expect(rows[1]!.updatedAt.toISOString()).toBe("2021-03-05T05:06:07.890Z");
      // The valid repository, identical to the source's (every ref and object, HEAD on main); the invalid one removed.
      const mirrored = repositoryPath(rows[0]!.id, "snippet");
      expect(mirrored).toContain("/@snippets/");
      expect(await refsOf(mirrored)).toBe(await refsOf(valid));
      expect(await objectsOf(mirrored)).toBe(await objectsOf(valid));
      expect(await git(mirrored, ["symbolic-ref", "HEAD"])).toBe("refs/heads/main");
      expect(await git(mirrored, ["fsck", "--strict", "--no-dangling"])).toBe("");
      expect(await repositoryExists(rows[1]!.id, "snippet")).toBe(false);
      // Authors: placeholders of the source's users (none shares an email with a local account), distinct per source user.
      const authors = await getDb().select({ id: users.id, userType: users.userType }).from(users).where(inArray(users.id, rows.map((s) => s.authorId!)));
      expect(authors).toHaveLength(2);
      expect(authors.every((a) => a.userType === "placeholder")).toBe(true);

      // The fixture's two award emoji on the snippet, its note with its author and its note's award emoji.
      const snippetAwards = await getDb().select().from(awardEmoji).where(and(eq(awardEmoji.awardableType, "Snippet"), eq(awardEmoji.awardableId, rows[0]!.id))).orderBy(asc(awardEmoji.createdAt));
      expect(snippetAwards.map((a) => [a.name, a.userId])).toEqual([["thumbsup", rows[0]!.authorId], ["coffee", rows[0]!.authorId]]);
      const snippetNotes = await getDb().select().from(notes).where(and(eq(notes.noteableType, "Snippet"), inArray(notes.noteableId, rows.map((s) => s.id)))).orderBy(asc(notes.createdAt));
      expect(snippetNotes.map((n) => [n.noteableId, n.note, n.projectId, n.groupId])).toEqual([
        [rows[0]!.id, "This is a test note", projectId, null],
        [rows[1]!.id, "A reply", projectId, null],
      ]);
      expect(snippetNotes[1]!.authorId).toBe(rows[1]!.authorId);
      const noteAwards = await getDb().select().from(awardEmoji).where(and(eq(awardEmoji.awardableType, "Note"), eq(awardEmoji.awardableId, snippetNotes[0]!.id)));
      expect(noteAwards.map((a) => a.name)).toEqual(["thumbsup"]);

      // A replayed chunk (a job delivered twice) inserts nothing twice.
      const [project] = await getDb().select().from(projects).where(eq(projects.id, projectId));
      const entity = { portable: "project", entityId: entry.entity.id, bulkImportId: bulkImport.id, sourceUrl: source.url, projectId: project!.id, groupId: null } as Parameters<typeof snippetsPipeline.load>[2];
      const replay = snippetRecords().slice(0, 2).map((record) => snippetsPipeline.transform(record, entity, `id:${record.id}`));
      await getDb().transaction((tx) => snippetsPipeline.load(tx, replay, entity));
      const counts = await getDb().execute<{ snippets: number; notes: number; awards: number }>(sql`
        SELECT (SELECT count(*)::int FROM snippets WHERE project_id = ${projectId}) AS snippets,
               (SELECT count(*)::int FROM notes WHERE project_id = ${projectId} AND noteable_type = 'Snippet') AS notes,
               (SELECT count(*)::int FROM award_emoji WHERE awardable_type = 'Snippet' AND awardable_id = ${rows[0]!.id}) AS awards`);
      expect(counts.rows[0]).toEqual({ snippets: 2, notes: 2, awards: 2 });
    } finally {
      await source.close();
    }
    void app;
  }, 150_000);
});

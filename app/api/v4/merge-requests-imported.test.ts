import { describe, expect, it } from "vitest";
import { startImports, STATUS } from "@/lib/migration";
import { call, tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { git, temporaryDirectory } from "@/test/helpers/git-client";
import { importResult, waitForImports } from "@/test/helpers/imports";
import { runImportWorker } from "@/test/helpers/import-worker";
import { makeSourceRepository } from "@/test/helpers/source-repository";
import { DEFAULT_TOKEN, fromRecords, ndjsonRecords, projectTreeFile, startTestSource } from "@/test/source";
import { GET as getApprovals } from "./projects/[id]/merge_requests/[merge_request_iid]/approvals/route";
import { GET as getChanges } from "./projects/[id]/merge_requests/[merge_request_iid]/changes/route";
import { GET as getCommits } from "./projects/[id]/merge_requests/[merge_request_iid]/commits/route";
import { GET as getDiscussions } from "./projects/[id]/merge_requests/[merge_request_iid]/discussions/route";
import { GET as getNotes } from "./projects/[id]/merge_requests/[merge_request_iid]/notes/route";
import { GET as getMergeRequest } from "./projects/[id]/merge_requests/[merge_request_iid]/route";
import { GET as listMergeRequests } from "./projects/[id]/merge_requests/route";

runImportWorker("pgboss_merge_requests_imported_api_test");

type Json = Record<string, unknown>;
const ROOT = 4351;
const scratch = temporaryDirectory("ferry-mr-api-");
const PLACEHOLDER_HEAD = "5937ac0a7beb003549fc5fd26fc247adbce4a52e";

/**
 * What the importer wrote must read back through GitLab's merge request API as GitLab would answer for the same export:
 * GitLab's complex project tree's merge requests plus Ferry's diff-note fixture (!10, merged, with a resolved diff
 * thread, a suggestion, an approval, a label, a milestone, a timelog and its diff), imported by direct transfer from a
 * test source and read by the importing user.
 */
describe("merge requests imported by direct transfer, read through the API", () => {
  it("answers the list, the merge request, its notes, discussions, changes, commits and approvals as the export says", async () => {
    const repository = await makeSourceRepository(scratch, { commits: 3, branches: 2, tags: 0, mergeRequestRefs: 0 });
    const head = await git(repository, ["rev-parse", "refs/heads/feature/1"]);
    const diffNotes = JSON.parse(JSON.stringify(ndjsonRecords("test/fixtures/ferry/merge_requests_diff_notes.ndjson")).replaceAll(PLACEHOLDER_HEAD, head)) as Json[];
    const source = await startTestSource({ version: "17.8.0", batchSize: 4 });
    try {
      const records = [...ndjsonRecords(projectTreeFile("merge_requests")), ...diffNotes];
      source.addProject({ groupId: ROOT, path: "app", name: "App", fixtureProject: "complex", repository, relations: { releases: fromRecords([]), issues: fromRecords([]), merge_requests: fromRecords(records) } });
      const user = await makeUser();
      const [started] = await startImports(user, { url: source.url, token: DEFAULT_TOKEN }, [
        { sourceFullPath: source.group(ROOT).path, destinationSlug: unique("dest"), destinationNamespace: "", migrateProjects: true, migrateMemberships: false },
      ]);
      await waitForImports([started!.bulkImportId]);
      const app = (await importResult(started!.bulkImportId)).get(`${source.group(ROOT).path}/app`)!;
      expect(app.entity.status).toBe(STATUS.finished);
      const projectId = String(app.entity.projectId);
      const token = await tokenFor(user.id);
      const get = <P>(route: (request: Request, context: { params: Promise<P> }) => Promise<Response>, path: string, params: Json) =>
        call(route as never, `/api/v4/projects/${projectId}/merge_requests${path}`, { token, params: { id: projectId, ...params } as never });

      // The list: every imported merge request, newest first, with GitLab's pagination headers.
      const list = await get(listMergeRequests, "?state=all&per_page=5", {});
      expect(list.status).toBe(200);
      expect(list.headers.get("x-total")).toBe("11");
      expect(list.headers.get("x-total-pages")).toBe("3");
      const all = await get(listMergeRequests, "?state=all&per_page=100&order_by=created_at&sort=asc", {});
      expect((all.body as Json[]).length).toBe(11);
      expect((await get(listMergeRequests, "?state=merged", {})).body).toMatchObject([{ iid: 10, title: "Draft: Make popen create its path" }]);
      const fixtureMr = (all.body as Json[]).find((mr) => mr.iid === 9)!;
      expect(fixtureMr).toMatchObject({ title: "MR1", state: "opened", source_branch: "feature_conflict", target_branch: "feature", sha: "HEAD", imported: true, imported_from: "gitlab_migration" });
      expect(fixtureMr.created_at).toBe("2016-06-14T15:02:36.568Z");

      // !10 in full: its people (placeholders), label, milestone, merge, squash, time and diff refs.
      const ten = (await get(getMergeRequest, "/10", { merge_request_iid: "10" })).body as Json;
      expect(ten).toMatchObject({
        iid: 10, state: "merged", source_branch: "feature/1", target_branch: "main", description: "Creates the working directory first.",
        labels: ["needs-review"], milestone: { title: "v2.0", due_date: "2024-04-01" }, merged_at: "2024-03-04T10:00:00.000Z",
        merge_commit_sha: "b83d6e391c22777fca1ed3012fce84f633d7fed0", squash: true, sha: head, force_remove_source_branch: true,
        diff_refs: { base_sha: "ae73cb07c9eeaf35924a10f713b364d32b2dd34f", head_sha: head, start_sha: "ae73cb07c9eeaf35924a10f713b364d32b2dd34f" },
        time_stats: { time_estimate: 3600, total_time_spent: 1800, human_time_estimate: "1h", human_total_time_spent: "30m" },
        changes_count: "1", upvotes: 0, user_notes_count: 3,
      });
      const author = ten.author as Json;
      const reviewer = (ten.reviewers as Json[])[0]!;
      expect((ten.assignees as Json[]).map((a) => a.id)).toEqual([author.id]);
      expect(ten.merged_by).toMatchObject({ id: reviewer.id });
      expect(author.id).not.toBe(reviewer.id);

      // Notes: the three a user wrote and the system note, each with its author; the diff notes with their positions.
      const notes = (await get(getNotes, "/10/notes?sort=asc&order_by=created_at", { merge_request_iid: "10" })).body as Json[];
      expect(notes.map((n) => [n.body, n.type, n.system])).toEqual([
        ["This should use `mkdir_p`:\n\n```suggestion:-0+0\n      FileUtils.mkdir_p(path)\n```", "DiffNote", false],
        ["Looks good to me.", "DiscussionNote", false],
        ["approved this merge request", null, true],
        ["Done.", "DiffNote", false],
      ]);
      const source2001 = (diffNotes[0]!.notes as Json[])[0]!;
      expect(notes[0]).toMatchObject({ author: { id: reviewer.id }, resolvable: true, resolved: true, resolved_by: { id: author.id }, resolved_at: "2024-03-03T10:00:00.000Z" });
      expect(notes[0]!.position).toMatchObject({ ...(source2001.position as Json), line_range: (source2001.position as Json).line_range });

      // Discussions: the resolved diff thread holds both its notes, in order; the lone system note is its own discussion.
      const discussions = (await get(getDiscussions, "/10/discussions", { merge_request_iid: "10" })).body as Json[];
      const thread = discussions.find((d) => d.id === "f1b0c2a0e3d4c5b6a7980f1e2d3c4b5a69788796")!;
      expect(thread.individual_note).toBe(false);
      expect((thread.notes as Json[]).map((n) => n.body)).toEqual([source2001.note, "Done."]);
      expect(discussions).toHaveLength(3);

      // Changes: the stored diff, file by file, as GitLab's diff entity; the fixture's own !9 with its binary deletion.
      const changes = (await get(getChanges, "/10/changes", { merge_request_iid: "10" })).body as Json;
      expect(changes.changes).toEqual([
        expect.objectContaining({ old_path: "files/ruby/popen.rb", new_path: "files/ruby/popen.rb", a_mode: "100644", b_mode: "100644", new_file: false, deleted_file: false, diff: expect.stringMatching(/^@@ -11,9 \+11,14 @@ module Popen\n/) }),
      ]);
      const nine = (await get(getChanges, "/9/changes", { merge_request_iid: "9" })).body as Json;
      expect((nine.changes as Json[])[0]).toMatchObject({ old_path: ".DS_Store", deleted_file: true });

      // Commits and approvals.
      expect((await get(getCommits, "/10/commits", { merge_request_iid: "10" })).body).toEqual([
        expect.objectContaining({ id: head, title: "Make popen create its path", author_name: "Ada Lovelace", committer_email: "grace@example.com", committed_date: "2024-03-01T08:30:00.000Z" }),
      ]);
      expect((await get(getApprovals, "/10/approvals", { merge_request_iid: "10" })).body).toMatchObject({ approved: true, approved_by: [{ user: { id: reviewer.id } }] });
    } finally {
      await source.close();
    }
  }, 180_000);
});

import fs from "node:fs";
import path from "node:path";
import {
  awardEmoji,
  ciPipelines,
  getDb,
  labels,
  mergeRequestApprovals,
  mergeRequestAssignees,
  mergeRequestDiffCommits,
  mergeRequestDiffFiles,
  mergeRequestDiffs,
  mergeRequestLabels,
  mergeRequestMetrics,
  mergeRequestReviewers,
  mergeRequests,
  milestones,
  noteDiffFiles,
  notes,
  suggestions,
} from "@/lib/db";

// Merge requests as the import will leave them, inserted with drizzle until it lands: titles, diffs, commits and notes
// from GitLab's own export fixture (complex/tree/project/merge_requests.ndjson), plus what that fixture lacks: a
// DiffNote with GitLab's position hash, its note_diff_file and a suggestion, and a resolved discussion.

const FIXTURE = path.resolve("test/fixtures/gitlab/gitlabhq/spec/fixtures/lib/gitlab/import_export/complex/tree/project/merge_requests.ndjson");

interface FixtureFile {
  relative_order: number;
  utf8_diff: string;
  old_path: string;
  new_path: string;
  a_mode: string;
  b_mode: string;
  new_file: boolean;
  renamed_file: boolean;
  deleted_file: boolean;
  too_large: boolean;
}
interface FixtureCommit {
  relative_order: number;
  sha: string;
  message: string;
  authored_date: string;
  author_name: string;
  author_email: string;
  committed_date: string;
  committer_name: string;
  committer_email: string;
}
interface FixtureMergeRequest {
  iid: number;
  title: string;
  description: string | null;
  source_branch: string;
  target_branch: string;
  created_at: string;
  updated_at: string;
  merge_request_diff: { base_commit_sha: string; real_size: string; merge_request_diff_files: FixtureFile[]; merge_request_diff_commits: FixtureCommit[] };
  notes: { note: string; system: boolean; created_at: string; updated_at: string }[];
}

/** The fixture's merge requests, by iid. */
export function fixtureMergeRequests(): Map<number, FixtureMergeRequest> {
  const lines = fs.readFileSync(FIXTURE, "utf8").trim().split("\n");
  return new Map(lines.map((line) => JSON.parse(line) as FixtureMergeRequest).map((mr) => [mr.iid, mr]));
}

/** A hunk of `count` lines added at the top of a file, GitLab's stored diff text. */
export const addedLines = (count: number, word = "line") => `@@ -0,0 +1,${count} @@\n${Array.from({ length: count }, (_, i) => `+${word} ${i + 1}`).join("\n")}\n`;

export const BIG_FILE = "vendor/big.js";

/** The diff thread: on files/ruby/popen.rb, new line 12 of the fixture's diff (`    path ||= Dir.pwd`). */
export const DIFF_THREAD = { path: "files/ruby/popen.rb", newLine: 12, lineText: "path ||= Dir.pwd", body: "Should this default to the repository root?", reply: "Good idea, done." };
export const RESOLVED_THREAD = { body: "Please add a changelog entry.", reply: "Added." };

export interface SeededMergeRequests {
  /** !9 MR1 (opened, the fixture's first, with its diff, a diff thread and a resolved thread), !8 MR2 (merged), !7 (closed). */
  ids: { mr1: number; mr2: number; mr3: number };
  diffIds: { mr1: number; mr2: number };
  labelId: number;
  milestoneId: number;
}

const at = (iso: string) => new Date(iso);

/**
 * Seeds three of the fixture's merge requests in the project: !9 "MR1" open (assignee, reviewer who approved, label
 * `bug`, milestone `v1`, its nine diff files plus a large one of more than 100 KB, six commits, the fixture's comments
 * and system notes, a diff thread and a resolved thread, a thumbsup, a pipeline), !8 "MR2" merged by the reviewer, and
 * !7 closed, authored by the reviewer into `test-7`.
 */
export async function seedMergeRequests(projectId: number, people: { author: number; reviewer: number }): Promise<SeededMergeRequests> {
  const db = getDb();
  const fixture = fixtureMergeRequests();
  const one = fixture.get(9)!;
  const two = fixture.get(8)!;
  const three = fixture.get(7)!;
  const [label] = await db.insert(labels).values({ projectId, title: "bug", color: "#d9534f" }).returning();
  const [milestone] = await db.insert(milestones).values({ projectId, iid: 1, title: "v1" }).returning();
  const [mr1, mr2, mr3] = await db
    .insert(mergeRequests)
    .values([
      {
        projectId,
        iid: 9,
        title: one.title,
        description: "Adds the feature conflict.\n\nCloses nothing yet.",
        sourceBranch: one.source_branch,
        targetBranch: one.target_branch,
        authorId: people.author,
        milestoneId: milestone!.id,
        mergeStatus: "can_be_merged",
        diffHeadSha: one.merge_request_diff.merge_request_diff_commits[0]!.sha,
        createdAt: at(one.created_at),
        updatedAt: at(one.updated_at),
      },
      { projectId, iid: 8, title: two.title, description: two.description, sourceBranch: two.source_branch, targetBranch: two.target_branch, state: "merged" as const, authorId: people.author, createdAt: at(two.created_at), updatedAt: at(two.updated_at) },
      { projectId, iid: 7, title: three.title, description: three.description, sourceBranch: three.source_branch, targetBranch: three.target_branch, state: "closed" as const, authorId: people.reviewer, createdAt: at(three.created_at), updatedAt: at(three.updated_at) },
    ])
    .returning();
  await db.insert(mergeRequestAssignees).values({ mergeRequestId: mr1!.id, userId: people.author });
  await db.insert(mergeRequestReviewers).values({ mergeRequestId: mr1!.id, userId: people.reviewer, state: "approved" });
  await db.insert(mergeRequestApprovals).values({ mergeRequestId: mr1!.id, userId: people.reviewer });
  await db.insert(mergeRequestLabels).values({ mergeRequestId: mr1!.id, labelId: label!.id });
  await db.insert(mergeRequestMetrics).values([
    { mergeRequestId: mr2!.id, mergedById: people.reviewer, mergedAt: at("2016-06-15T10:00:00Z") },
    { mergeRequestId: mr3!.id, latestClosedById: people.reviewer, latestClosedAt: at("2016-06-16T10:00:00Z") },
  ]);
  const diffId1 = await insertDiff(mr1!.id, one, [{ old_path: BIG_FILE, new_path: BIG_FILE, new_file: true, utf8_diff: addedLines(6000, "const big =") }]);
  const diffId2 = await insertDiff(mr2!.id, two, []);
  await db.insert(awardEmoji).values({ awardableType: "MergeRequest", awardableId: mr1!.id, name: "thumbsup", userId: people.reviewer });
  await db.insert(notes).values(
    one.notes.map((note) => ({ projectId, noteableType: "MergeRequest", noteableId: mr1!.id, authorId: people.author, note: note.note, system: note.system, createdAt: at(note.created_at), updatedAt: at(note.updated_at) })),
  );
  // A diff thread, as GitLab exports a DiffNote: its position hash, line code, note_diff_file and a suggestion.
  const diff = one.merge_request_diff;
  const position = {
    base_sha: diff.base_commit_sha,
    start_sha: diff.base_commit_sha,
    head_sha: diff.merge_request_diff_commits[0]!.sha,
    old_path: DIFF_THREAD.path,
    new_path: DIFF_THREAD.path,
    position_type: "text",
    old_line: null,
    new_line: DIFF_THREAD.newLine,
    line_range: null,
  };
  const popen = diff.merge_request_diff_files.find((file) => file.new_path === DIFF_THREAD.path)!;
  const discussion = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
  const [diffNote] = await db
    .insert(notes)
    .values([
      { projectId, noteableType: "MergeRequest", noteableId: mr1!.id, authorId: people.reviewer, note: `${DIFF_THREAD.body}\n\n\`\`\`suggestion:-0+0\n    path ||= root\n\`\`\``, type: "DiffNote", discussionId: discussion, position, originalPosition: position, lineCode: `${"0".repeat(40)}_0_${DIFF_THREAD.newLine}`, createdAt: at("2020-03-29T10:00:00Z"), updatedAt: at("2020-03-29T10:00:00Z") },
      { projectId, noteableType: "MergeRequest", noteableId: mr1!.id, authorId: people.author, note: DIFF_THREAD.reply, type: "DiffNote", discussionId: discussion, position, originalPosition: position, createdAt: at("2020-03-29T11:00:00Z"), updatedAt: at("2020-03-29T11:00:00Z") },
    ])
    .returning();
  await db.insert(noteDiffFiles).values({ noteId: diffNote!.id, diff: popen.utf8_diff, oldPath: popen.old_path, newPath: popen.new_path, aMode: popen.a_mode, bMode: popen.b_mode });
  await db.insert(suggestions).values({ noteId: diffNote!.id, relativeOrder: 0, fromContent: "    path ||= Dir.pwd\n", toContent: "    path ||= root\n" });
  const resolved = "f0e1d2c3b4a5968778695a4b3c2d1e0f98765432";
  const resolvedAt = at("2020-03-30T12:00:00Z");
  await db.insert(notes).values([
    { projectId, noteableType: "MergeRequest", noteableId: mr1!.id, authorId: people.reviewer, note: RESOLVED_THREAD.body, type: "DiscussionNote", discussionId: resolved, resolvedAt, resolvedById: people.author, createdAt: at("2020-03-30T10:00:00Z"), updatedAt: at("2020-03-30T10:00:00Z") },
    { projectId, noteableType: "MergeRequest", noteableId: mr1!.id, authorId: people.author, note: RESOLVED_THREAD.reply, type: "DiscussionNote", discussionId: resolved, resolvedAt, resolvedById: people.author, createdAt: at("2020-03-30T11:00:00Z"), updatedAt: at("2020-03-30T11:00:00Z") },
  ]);
  await db.insert(ciPipelines).values({ projectId, sha: position.head_sha, ref: one.source_branch, status: "success", source: "merge_request_event", mergeRequestIid: 9 });
  return { ids: { mr1: mr1!.id, mr2: mr2!.id, mr3: mr3!.id }, diffIds: { mr1: diffId1, mr2: diffId2 }, labelId: label!.id, milestoneId: milestone!.id };
}

type ExtraFile = Pick<FixtureFile, "old_path" | "new_path" | "new_file" | "utf8_diff">;

/** The merge request's diff from the fixture's, with `extra` files after its own. */
async function insertDiff(mergeRequestId: number, mr: FixtureMergeRequest, extra: ExtraFile[]): Promise<number> {
  const db = getDb();
  const source = mr.merge_request_diff;
  const files = [...source.merge_request_diff_files, ...extra.map((file, i) => ({ ...file, relative_order: source.merge_request_diff_files.length + i, a_mode: "0", b_mode: "100644", renamed_file: false, deleted_file: false, too_large: false }))];
  const [diff] = await db
    .insert(mergeRequestDiffs)
    .values({
      mergeRequestId,
      state: "collected",
      baseCommitSha: source.base_commit_sha,
      headCommitSha: source.merge_request_diff_commits[0]?.sha ?? null,
      realSize: String(files.length),
      commitsCount: source.merge_request_diff_commits.length,
      filesCount: files.length,
    })
    .returning();
  if (source.merge_request_diff_commits.length) {
    await db.insert(mergeRequestDiffCommits).values(
      source.merge_request_diff_commits.map((c) => ({
        mergeRequestDiffId: diff!.id,
        relativeOrder: c.relative_order,
        sha: c.sha,
        message: c.message,
        authorName: c.author_name,
        authorEmail: c.author_email,
        authoredDate: at(c.authored_date),
        committerName: c.committer_name,
        committerEmail: c.committer_email,
        committedDate: at(c.committed_date),
      })),
    );
  }
  if (files.length) await db.insert(mergeRequestDiffFiles).values(files.map((file) => diffFileRow(diff!.id, file)));
  return diff!.id;
}

const diffFileRow = (diffId: number, file: FixtureFile) => ({
  mergeRequestDiffId: diffId,
  relativeOrder: file.relative_order,
  oldPath: file.old_path,
  newPath: file.new_path,
  aMode: file.a_mode,
  bMode: file.b_mode,
  newFile: file.new_file,
  renamedFile: file.renamed_file,
  deletedFile: file.deleted_file,
  tooLarge: file.too_large,
  binary: file.utf8_diff.startsWith("Binary files"),
  diff: file.utf8_diff,
  diffSize: Buffer.byteLength(file.utf8_diff),
});

/**
 * A merge request for load: `notes` comments (a thread of three every ten notes, the rest alone) and `files` diff files
 * of 40 lines, every fiftieth over 100 KB; `count` more small merge requests fill the list. For the bench.
 */
export async function seedLargeMergeRequest(projectId: number, authorId: number, sizes: { iid: number; notes: number; files: number; others?: number }): Promise<number> {
  const db = getDb();
  const others = sizes.others ?? 0;
  const [mr] = await db.insert(mergeRequests).values({ projectId, iid: sizes.iid, title: "A large merge request", sourceBranch: "large", targetBranch: "main", authorId }).returning();
  for (let start = 0; start < others; start += 1000) {
    const chunk = Array.from({ length: Math.min(1000, others - start) }, (_, i) => ({
      projectId,
      iid: sizes.iid + 1 + start + i,
      title: `Change ${start + i}`,
      state: (["opened", "merged", "closed"] as const)[(start + i) % 3]!,
      sourceBranch: `b${start + i}`,
      targetBranch: "main",
      authorId,
      createdAt: new Date(Date.UTC(2024, 0, 1) + (start + i) * 60_000),
    }));
    await db.insert(mergeRequests).values(chunk);
  }
  const [diff] = await db.insert(mergeRequestDiffs).values({ mergeRequestId: mr!.id, realSize: String(sizes.files), filesCount: sizes.files }).returning();
  const big = addedLines(3000, "const generated_value_of_some_length =");
  const small = addedLines(40);
  for (let start = 0; start < sizes.files; start += 100) {
    await db.insert(mergeRequestDiffFiles).values(
      Array.from({ length: Math.min(100, sizes.files - start) }, (_, i) => {
        const n = start + i;
        const text = n % 50 === 49 ? big : small;
        return { mergeRequestDiffId: diff!.id, relativeOrder: n, oldPath: `src/file-${n}.ts`, newPath: `src/file-${n}.ts`, aMode: "0", bMode: "100644", newFile: true, diff: text, diffSize: Buffer.byteLength(text) };
      }),
    );
  }
  for (let start = 0; start < sizes.notes; start += 500) {
    await db.insert(notes).values(
      Array.from({ length: Math.min(500, sizes.notes - start) }, (_, i) => {
        const n = start + i;
        const thread = n % 10 < 3 ? `${String(Math.floor(n / 10)).padStart(40, "0")}` : null;
        return { projectId, noteableType: "MergeRequest", noteableId: mr!.id, authorId, note: `Comment ${n} with **some** text`, discussionId: thread, type: thread ? "DiscussionNote" : null, createdAt: new Date(Date.UTC(2024, 0, 1) + n * 60_000) };
      }),
    );
  }
  return mr!.id;
}

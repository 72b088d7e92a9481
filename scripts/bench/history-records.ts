// The records the import benchmarks serve: deterministic, so that every run imports the same data, and generated one
// at a time, so that a benchmark's source holds none of them.

const WORDS = ["issue", "import", "group", "project", "label", "milestone", "note", "review", "deploy", "error", "fix", "test"];
/** Deterministic words of about `bytes` bytes: every run imports the same records. */
const prose = (index: number, bytes: number) => {
  let text = "";
  for (let i = 0; text.length < bytes; i++) text += `${WORDS[(index * 31 + i * 7) % WORDS.length]} `;
  return text.trimEnd();
};
const at = (index: number) => new Date(Date.UTC(2020, 0, 1) + index * 60_000).toISOString();
const sha = (index: number) => index.toString(16).padStart(40, "0");

/** An issue with a description of 300-2,000 bytes, `notes` notes, a label, an assignee, an award emoji and sometimes a state event. */
export function issueRecord(index: number, notes: number) {
  const iid = index + 1;
  return {
    id: 100_000 + iid, iid, title: `Issue ${iid}`, description: prose(index, 300 + ((index * 7919) % 1700)), state: iid % 3 ? "opened" : "closed",
    author_id: 1 + (index % 50), project_id: 5, created_at: at(index), updated_at: at(index + 1), confidential: false,
    issue_assignees: [{ user_id: 1 + ((index + 1) % 50) }],
    label_links: [{ label: { title: `label-${index % 20}`, color: "#428bca", type: "ProjectLabel" } }],
    award_emoji: [{ name: "thumbsup", user_id: 1 + ((index + 2) % 50), created_at: at(index) }],
    resource_state_events: iid % 3 ? [] : [{ user_id: 1, state: "closed", created_at: at(index + 1) }],
    notes: Array.from({ length: notes }, (_, n) => ({
      id: 10_000_000 + index * notes + n, note: prose(index * notes + n, 200), noteable_type: "Issue", author_id: 1 + ((index + n) % 50), author: { name: `User ${n}` },
      system: n % 5 === 4, created_at: at(index + n), updated_at: at(index + n),
    })),
  };
}

/** A CI pipeline with two stages of two jobs. */
export function ciPipelineRecord(index: number) {
  const id = 500_000 + index;
  const job = (stage: number, n: number) => ({
    id: 5_000_000 + index * 4 + stage * 2 + n, name: `job-${stage}-${n}`, stage: `stage-${stage}`, stage_idx: stage, status: "success", ref: "main", tag: false,
    created_at: at(index), started_at: at(index), finished_at: at(index + 1), user_id: 1 + (index % 50), project_id: 5, when: "on_success", allow_failure: false,
  });
  return {
    id, iid: index + 1, project_id: 5, ref: "main", sha: sha(index), before_sha: sha(index - 1 < 0 ? 0 : index - 1), source: "push", status: "success", tag: false,
    created_at: at(index), updated_at: at(index + 1), started_at: at(index), finished_at: at(index + 1), duration: 60, user_id: 1 + (index % 50),
    stages: [0, 1].map((stage) => ({ id: 2_000_000 + index * 2 + stage, name: `stage-${stage}`, position: stage, status: "success", project_id: 5, pipeline_id: id, builds: [job(stage, 0), job(stage, 1)] })),
  };
}

/** A deterministic 40-hex sha for any number. */
const mrSha = (n: number) => (n * 2654435761).toString(16).padStart(8, "0").repeat(5).slice(0, 40);
/** A unified diff of about `bytes` bytes: every run imports the same merge requests. */
const diffText = (index: number, bytes: number) => {
  let text = `@@ -1,${index % 50} +1,${(index % 50) + 3} @@\n`;
  for (let line = 0; text.length < bytes; line++) text += `${line % 3 ? "+" : " "}    const value${line} = compute(${index}, ${line}); // keep the diff realistic\n`;
  return text;
};

/**
 * A merge request with 10 commits and `files` files of `diffBytes` bytes of diff, three notes (one a diff note with a
 * position, its hunk and a suggestion), an assignee, a reviewer, an approval, metrics, a label and, merged, a state event.
 */
export function mergeRequestRecord(index: number, files: number, diffBytes: number) {
  const iid = index + 1;
  const head = mrSha(iid * 100 + 9);
  const position = { base_sha: mrSha(iid), start_sha: mrSha(iid), head_sha: head, old_path: "src/file-0.ts", new_path: "src/file-0.ts", position_type: "text", old_line: null, new_line: 3, line_range: null };
  return {
    id: 500_000 + iid, iid, title: `Merge request ${iid}`, description: `Changes ${iid}`, state: iid % 4 ? "opened" : "merged", source_branch: `feature-${iid}`, target_branch: "main",
    source_project_id: 5, target_project_id: 5, author_id: 1 + (index % 50), merge_status: "can_be_merged", diff_head_sha: head, created_at: at(index), updated_at: at(index + 1),
    merge_request_assignees: [{ user_id: 1 + ((index + 1) % 50), created_at: at(index) }],
    merge_request_reviewers: [{ user_id: 1 + ((index + 2) % 50), created_at: at(index), state: "reviewed" }],
    approvals: [{ user_id: 1 + ((index + 3) % 50), created_at: at(index), updated_at: at(index) }],
    metrics: { merged_by_id: iid % 4 ? null : 1, merged_at: iid % 4 ? null : at(index + 1), added_lines: 30, removed_lines: 3 },
    label_links: [{ label: { title: `label-${index % 20}`, color: "#428bca", type: "ProjectLabel" } }],
    resource_state_events: iid % 4 ? [] : [{ user_id: 1, state: "merged", created_at: at(index + 1) }],
    notes: [
      { id: 5_000_000 + index * 3, note: "Please rename this.", noteable_type: "MergeRequest", author_id: 1 + ((index + 2) % 50), author: { name: "Reviewer" }, type: "DiffNote", position, original_position: position, line_code: "abc_0_3", discussion_id: mrSha(iid * 7), created_at: at(index),
        note_diff_file: { diff_export: diffText(index, 300), new_path: "src/file-0.ts", old_path: "src/file-0.ts", a_mode: "100644", b_mode: "100644", new_file: false, renamed_file: false, deleted_file: false },
        suggestions: [{ relative_order: 0, from_content: "const a = 1;\n", to_content: "const renamed = 1;\n", applied: false, outdated: false, lines_above: 0, lines_below: 0 }] },
      { id: 5_000_000 + index * 3 + 1, note: "Done.", noteable_type: "MergeRequest", author_id: 1 + (index % 50), author: { name: "Author" }, type: "DiffNote", position, original_position: position, discussion_id: mrSha(iid * 7), created_at: at(index + 1) },
      { id: 5_000_000 + index * 3 + 2, note: "added 10 commits", noteable_type: "MergeRequest", author_id: 1 + (index % 50), system: true, system_note_metadata: { action: "commit", commit_count: 10 }, created_at: at(index) },
    ],
    merge_request_diff: {
      state: "collected", base_commit_sha: mrSha(iid), head_commit_sha: head, start_commit_sha: mrSha(iid), real_size: String(files), created_at: at(index), updated_at: at(index),
      merge_request_diff_commits: Array.from({ length: 10 }, (_, n) => ({
        relative_order: n, sha: mrSha(iid * 100 + 9 - n), message: `Commit ${n} of ${iid}\n`, authored_date: at(index), committed_date: at(index),
        commit_author: { name: "Ada Lovelace", email: "ada@example.com" }, committer: { name: "Grace Hopper", email: "grace@example.com" },
      })),
      merge_request_diff_files: Array.from({ length: files }, (_, n) => ({
        relative_order: n, utf8_diff: diffText(index * 31 + n, diffBytes), new_path: `src/file-${n}.ts`, old_path: `src/file-${n}.ts`, a_mode: "100644", b_mode: "100644", new_file: false, renamed_file: false, deleted_file: false, too_large: false,
      })),
    },
  };
}


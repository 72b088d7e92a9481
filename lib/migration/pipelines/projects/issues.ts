import { issues } from "@/lib/db";
import { prepareIssuables } from "../support/issuable-load";
import { sourceWebUrl } from "../support/source-urls";
import type { NdjsonPipeline } from "../support/types";
import { loadIssues } from "./issues-load";
import { transformIssue, type IssueRow } from "./issues-transform";

/**
 * Stage 3 of a project entity (GitLab's IssuesPipeline): the project's issues from the `issues` export, batched or
 * not, keeping their iids, each with its assignees, labels, milestone, epic, notes (and theirs), award emoji, events,
 * resource events, timelogs and Zoom meetings, the users they name mapped to accounts or placeholders.
 */
export const issuesPipeline: NdjsonPipeline<IssueRow> = {
  kind: "ndjson",
  relation: "issues",
  transform: transformIssue,
  load: loadIssues,
  iids: { table: issues, of: (row) => row.values.iid },
  // Authors come as bare source ids: learn their names from the source, and map them, before the chunk's transaction;
  // labels and milestones named by title are made there too, so that concurrent chunks never wait on each other.
  prepare: prepareIssuables,
  titleOf: (record) => (typeof record.title === "string" ? record.title : undefined),
  sourceUrlOf: (record, entity) => (typeof record.iid === "number" ? sourceWebUrl(entity, `issues/${record.iid}`) : undefined),
};

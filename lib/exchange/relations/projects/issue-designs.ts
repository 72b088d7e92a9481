import { asc, eq } from "drizzle-orm";
import { designActions, designs, designVersions, DESIGN_EVENTS, getDb } from "@/lib/db";
import { mergedRecord } from "../support/merged-record";
import { anyOf, groupBy, noteRecord, noteTreesOf, type NoteTree } from "../support/note-records";
import { iso } from "../support/record-ids";
import type { ExportRecord } from "../support/types";

type Design = typeof designs.$inferSelect;
type Version = typeof designVersions.$inferSelect;
type Action = typeof designActions.$inferSelect;

/** An issue's designs (with their notes) and design versions (with their actions), as the issues relation gathers them. */
export interface IssueDesignsTree {
  designs: { design: Design; notes: NoteTree[] }[];
  versions: { version: Version; actions: { action: Action; design: Design }[] }[];
}

/** The designs and versions of these issues, by issue id: four queries, whatever their number. */
export async function issueDesignsOf(issueIds: readonly number[]): Promise<(issueId: number) => IssueDesignsTree> {
  const db = getDb();
  const [designRows, versionRows] = await Promise.all([
    db.select().from(designs).where(anyOf(designs.issueId, issueIds)).orderBy(asc(designs.id)),
    db.select().from(designVersions).where(anyOf(designVersions.issueId, issueIds)).orderBy(asc(designVersions.id)),
  ]);
  const [notes, actionRows] = await Promise.all([
    noteTreesOf("DesignManagement::Design", designRows.map((design) => design.id)),
    versionRows.length ? db.select({ action: designActions, design: designs }).from(designActions).innerJoin(designs, eq(designs.id, designActions.designId)).where(anyOf(designActions.versionId, versionRows.map((version) => version.id))).orderBy(asc(designActions.id)) : [],
  ]);
  const designsByIssue = groupBy(designRows, (design) => design.issueId);
  const versionsByIssue = groupBy(versionRows, (version) => version.issueId);
  const actionsByVersion = groupBy(actionRows, (row) => row.action.versionId);
  return (issueId) => ({
    designs: (designsByIssue.get(issueId) ?? []).map((design) => ({ design, notes: notes.get(design.id) ?? [] })),
    versions: (versionsByIssue.get(issueId) ?? []).map((version) => ({ version, actions: actionsByVersion.get(version.id) ?? [] })),
  });
}

function designAttributes(design: Design): ExportRecord {
  const columns = { id: design.id, project_id: design.projectId, issue_id: design.issueId, filename: design.filename, relative_position: design.relativePosition, iid: design.iid };
  return mergedRecord(columns, design.sourceAttributes, columns);
}

function actionRecord({ action, design }: IssueDesignsTree["versions"][number]["actions"][number]): ExportRecord {
  const columns = { design_id: action.designId, version_id: action.versionId, event: DESIGN_EVENTS[action.event] ?? action.event, image_v432x230: { url: action.imageV432x230 } };
  return mergedRecord(columns, action.sourceAttributes, columns, { design: designAttributes(design) });
}

/**
 * GitLab's `designs: [notes: [:author, events: [:push_event_payload]]]` and `design_versions: [actions: [:design]]` of
 * an issue, with Ferry's ids (a version's author is the user Ferry mapped it to).
 */
export function issueDesignRecords(tree: IssueDesignsTree, kept: Record<string, unknown>): { designs: unknown; design_versions: unknown } {
  // An issue imported before designs were rows keeps them in its record: they go out as they came.
  if (tree.designs.length === 0 && tree.versions.length === 0) return { designs: kept.designs ?? [], design_versions: kept.design_versions ?? [] };
  return {
    designs: tree.designs.map(({ design, notes }) => Object.assign(designAttributes(design), { notes: notes.map(noteRecord) })),
    design_versions: tree.versions.map(({ version, actions }) => {
      const columns = { id: version.id, sha: version.sha, issue_id: version.issueId, created_at: iso(version.createdAt), author_id: version.authorId };
      return mergedRecord(columns, version.sourceAttributes, columns, { actions: actions.map(actionRecord) });
    }),
  };
}

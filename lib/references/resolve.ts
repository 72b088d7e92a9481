import { and, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { epics, getDb, groups, issues, labels, mergeRequests, milestones, users } from "@/lib/db";
import { readableEpicSql, visibleToSql, type Group } from "@/lib/groups";
import { issueScopeOf, readableIssueSql } from "@/lib/issues";
import { canReadMilestones, canReadProject, canUseFeature, findProjectsByPath } from "@/lib/projects";
import type { Viewer } from "@/lib/viewer";
import { textOutsideCode } from "./outside-code";
import { findReferences, referenceKey, type Reference, type ResolvedReferences } from "./syntax";

/** Whose text it is: a project's (an issue, a merge request, their notes) or a group's (an epic and its notes). */
export type ReferenceContext = { project: string } | { group: string };

const lower = (value: string) => value.toLowerCase();
const pairs = (list: { a: number; b: number }[]) => sql.join(list.map(({ a, b }) => sql`(${a}::integer, ${b}::integer)`), sql`, `);
const labelQuery = (title: string) => `label_name[]=${encodeURIComponent(title)}`;

/** What a reference names once its path is filled in from the context: undefined when it names nothing here. */
interface Target {
  reference: Reference;
  /** The project (issues, merge requests, labels, milestones) or group (epics, and group labels and milestones). */
  path: string;
  inGroup: boolean;
}

function targetOf(reference: Reference, context: ReferenceContext): Target | undefined {
  if (reference.kind === "user") return { reference, path: "", inGroup: false };
  if (reference.path) return { reference, path: lower(reference.path), inGroup: reference.kind === "epic" };
  if ("group" in context) {
    // A group's text has no project: `#12` and `!3` name nothing there (GitLab leaves them as text too).
    if (reference.kind === "issue" || reference.kind === "merge_request") return undefined;
    return { reference, path: lower(context.group), inGroup: true };
  }
  if (reference.kind === "epic") return { reference, path: lower(context.project.slice(0, context.project.lastIndexOf("/"))), inGroup: true };
  return { reference, path: lower(context.project), inGroup: false };
}

/**
 * Which references in some texts (descriptions, notes) of a project or group exist and may be shown to the viewer,
 * with where each links: `#12` and `group/project#5` to the issue, `!3` to the merge request, `&5` to the epic,
 * `~label` to the issues with that label, `%"m"` to the milestone, `@user` to the user. A confidential issue or epic
 * the viewer may not read, a project or group they may not see, and anything missing are left out (the renderer
 * then shows the text as it is, as GitLab does). A fixed number of queries, whatever the texts hold.
 */
export async function resolveReferences(viewer: Viewer, context: ReferenceContext, texts: readonly (string | null | undefined)[]): Promise<ResolvedReferences> {
  const targets = new Map<string, Target>();
  for (const text of texts) {
    if (!text) continue;
    for (const part of textOutsideCode(text)) {
      for (const reference of findReferences(part)) {
        const target = targetOf(reference, context);
        if (target) targets.set(referenceKey(reference), target);
      }
    }
  }
  if (targets.size === 0) return {};
  const all = [...targets.values()];
  const projectPaths = [...new Set(all.filter((t) => !t.inGroup && t.path).map((t) => t.path))];
  const groupPaths = [...new Set(all.filter((t) => t.inGroup).map((t) => t.path))];
  const usernames = [...new Set(all.filter((t) => t.reference.kind === "user").map((t) => lower(t.reference.value)))];
  const db = getDb();
  const [projectRows, groupRows, userRows] = await Promise.all([
    findProjectsByPath(viewer, projectPaths),
    groupPaths.length ? db.select().from(groups).where(and(inArray(sql`lower(${groups.fullPath})`, groupPaths), visibleToSql(viewer))) : [],
    usernames.length ? db.select({ username: users.username, name: users.name }).from(users).where(inArray(sql`lower(${users.username})`, usernames)) : [],
  ]);
  const projectOf = new Map(projectRows.filter((p) => canReadProject(viewer, p)).map((p) => [lower(p.fullPath), p]));
  const groupOf = new Map(groupRows.map((g) => [lower(g.fullPath), g]));
  const ofKind = (kind: Reference["kind"]) => all.filter((t) => t.reference.kind === kind);
  const numberOf = (t: Target) => Number(t.reference.value);
  const valid = (n: number) => Number.isSafeInteger(n) && n > 0 && n <= 2_147_483_647;

  // Issues and merge requests: by (project, iid), where the viewer may read them.
  const issueTargets = ofKind("issue").flatMap((t) => (projectOf.has(t.path) && valid(numberOf(t)) ? [{ a: projectOf.get(t.path)!.id, b: numberOf(t) }] : []));
  const issueScope = issueScopeOf(viewer, [...projectOf.values()]);
  const mrProjects = [...projectOf.values()].filter((p) => canUseFeature(viewer, p, "merge_requests"));
  const mrIds = new Set(mrProjects.map((p) => p.id));
  const mrTargets = ofKind("merge_request").flatMap((t) => {
    const project = projectOf.get(t.path);
    return project && mrIds.has(project.id) && valid(numberOf(t)) ? [{ a: project.id, b: numberOf(t) }] : [];
  });
  const epicTargets = ofKind("epic").flatMap((t) => (groupOf.has(t.path) && valid(numberOf(t)) ? [{ a: groupOf.get(t.path)!.id, b: numberOf(t) }] : []));

  // Labels and milestones: the project's own or its groups', the group's own or its ancestors'.
  const ownersOf = (t: Target): { projectId: number | null; groupIds: number[] } | undefined => {
    if (t.inGroup) {
      const group = groupOf.get(t.path);
      return group && { projectId: null, groupIds: group.traversalIds.length ? group.traversalIds : [group.id] };
    }
    const project = projectOf.get(t.path);
    if (!project || (t.reference.kind === "milestone" && !canReadMilestones(viewer, project))) return undefined;
    return { projectId: project.id, groupIds: project.namespace.traversalIds };
  };
  const ownedTargets = [...ofKind("label"), ...ofKind("milestone")].flatMap((t) => {
    const owners = ownersOf(t);
    return owners ? [{ target: t, owners }] : [];
  });
  const ownerWhere = (table: typeof labels | typeof milestones, kind: "label" | "milestone"): SQL | undefined => {
    const list = ownedTargets.filter((o) => o.target.reference.kind === kind);
    if (list.length === 0) return undefined;
    const projectIds = [...new Set(list.flatMap((o) => (o.owners.projectId === null ? [] : [o.owners.projectId])))];
    const groupIds = [...new Set(list.flatMap((o) => o.owners.groupIds))];
    const names = [...new Set(list.filter((o) => !o.target.reference.byId).map((o) => o.target.reference.value))];
    const ids = [...new Set(list.filter((o) => o.target.reference.byId).map((o) => Number(o.target.reference.value)).filter(valid))];
    const key = table === labels ? labels.id : milestones.iid;
    const what = or(names.length ? inArray(table.title, names) : undefined, ids.length ? inArray(key, ids) : undefined);
    const whose = or(projectIds.length ? inArray(table.projectId, projectIds) : undefined, groupIds.length ? inArray(table.groupId, groupIds) : undefined);
    return what && whose ? and(what, whose) : undefined;
  };
  const labelWhere = ownerWhere(labels, "label");
  const milestoneWhere = ownerWhere(milestones, "milestone");

  const [issueRows, mrRows, epicRows, labelRows, milestoneRows] = await Promise.all([
    issueTargets.length && issueScope.projects.length
      ? db.select({ projectId: issues.projectId, iid: issues.iid, title: issues.title }).from(issues).where(and(sql`(${issues.projectId}, ${issues.iid}) IN (${pairs(issueTargets)})`, readableIssueSql(issueScope)))
      : [],
    mrTargets.length ? db.select({ projectId: mergeRequests.projectId, iid: mergeRequests.iid, title: mergeRequests.title }).from(mergeRequests).where(sql`(${mergeRequests.projectId}, ${mergeRequests.iid}) IN (${pairs(mrTargets)})`) : [],
    epicTargets.length
      ? db.select({ groupId: epics.groupId, iid: epics.iid, title: epics.title }).from(epics).innerJoin(groups, eq(groups.id, epics.groupId)).where(and(sql`(${epics.groupId}, ${epics.iid}) IN (${pairs(epicTargets)})`, readableEpicSql(viewer)))
      : [],
    labelWhere ? db.select({ id: labels.id, title: labels.title, description: labels.description, projectId: labels.projectId, groupId: labels.groupId }).from(labels).where(labelWhere) : [],
    milestoneWhere ? db.select({ iid: milestones.iid, title: milestones.title, projectId: milestones.projectId, groupId: milestones.groupId }).from(milestones).where(milestoneWhere) : [],
  ]);

  const allGroupIds = [...new Set([...labelRows, ...milestoneRows].flatMap((row) => (row.groupId === null ? [] : [row.groupId])))];
  const groupPathOf = new Map<number, string>([...groupOf.values(), ...projectRows.map((p) => p.namespace)].map((g: Group) => [g.id, g.fullPath]));
  const missing = allGroupIds.filter((id) => !groupPathOf.has(id));
  if (missing.length) for (const row of await db.select({ id: groups.id, fullPath: groups.fullPath }).from(groups).where(inArray(groups.id, missing))) groupPathOf.set(row.id, row.fullPath);

  const resolved: ResolvedReferences = {};
  const pairKey = (a: number, b: number) => `${a}:${b}`;
  const issuesBy = new Map(issueRows.map((row) => [pairKey(row.projectId, row.iid), row]));
  const mrsBy = new Map(mrRows.map((row) => [pairKey(row.projectId, row.iid), row]));
  const epicsBy = new Map(epicRows.map((row) => [pairKey(row.groupId, row.iid), row]));
  const usersBy = new Map(userRows.map((row) => [lower(row.username), row]));
  // The nearest owner's first: the project's own, then its group's, then the group's parents'.
  const nearest = <R extends { projectId: number | null; groupId: number | null }>(rows: R[], owners: { projectId: number | null; groupIds: number[] }, matches: (row: R) => boolean): R | undefined => {
    const rank = (row: R) => (row.projectId !== null ? (row.projectId === owners.projectId ? 0 : -1) : owners.groupIds.length - owners.groupIds.indexOf(row.groupId!));
    return rows.filter((row) => matches(row) && rank(row) >= 0 && (row.projectId !== null || owners.groupIds.includes(row.groupId!))).sort((x, y) => rank(x) - rank(y))[0];
  };

  for (const [key, target] of targets) {
    const { reference } = target;
    const project = projectOf.get(target.path);
    const group = groupOf.get(target.path);
    switch (reference.kind) {
      case "issue": {
        const row = project && issuesBy.get(pairKey(project.id, numberOf(target)));
        if (row) resolved[key] = { href: `/${project.fullPath}/-/issues/${row.iid}`, title: row.title };
        break;
      }
      case "merge_request": {
        const row = project && mrIds.has(project.id) ? mrsBy.get(pairKey(project.id, numberOf(target))) : undefined;
        if (row) resolved[key] = { href: `/${project!.fullPath}/-/merge_requests/${row.iid}`, title: row.title };
        break;
      }
      case "epic": {
        const row = group && epicsBy.get(pairKey(group.id, numberOf(target)));
        if (row) resolved[key] = { href: `/groups/${group.fullPath}/-/epics/${row.iid}`, title: row.title };
        break;
      }
      case "user": {
        const row = usersBy.get(lower(reference.value));
        if (row) resolved[key] = { href: `/${row.username}`, title: row.name };
        break;
      }
      case "label":
      case "milestone": {
        const owners = ownersOf(target);
        if (!owners) break;
        const base = target.inGroup ? `/groups/${group!.fullPath}/-` : `/${project!.fullPath}/-`;
        if (reference.kind === "label") {
          const row = nearest(labelRows, owners, (l) => (reference.byId ? l.id === Number(reference.value) : l.title === reference.value));
          // A group's text is an epic's: its labels list the group's epics (Ferry's group pages), a project's its issues.
          if (row) resolved[key] = { href: `${base}/${target.inGroup ? `epics?label_name=${encodeURIComponent(row.title)}` : `issues?${labelQuery(row.title)}`}`, title: row.description ?? row.title };
        } else {
          const row = nearest(milestoneRows, owners, (m) => (reference.byId ? m.iid === Number(reference.value) : m.title === reference.value));
          if (row) resolved[key] = { href: row.projectId !== null ? `/${project!.fullPath}/-/milestones/${row.iid}` : `/groups/${groupPathOf.get(row.groupId!)}/-/milestones/${row.iid}`, title: row.title };
        }
        break;
      }
    }
  }
  return resolved;
}

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray, like, or, sql, type SQL } from "drizzle-orm";
import { boards, bulkImportEntities, bulkImportExports, bulkImports, epics, getDb, groupMembers, groups, personalAccessTokens, projects, type Db } from "@/lib/db";
import { exportRelationsRoutes } from "@/lib/exchange";
import { createGroup, type Group } from "@/lib/groups";
import { createProject } from "@/lib/projects";
import { tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { seedImport } from "./bulk_imports/_test/support";
import { GET as listImports, POST as createImport } from "./bulk_imports/route";
import { GET as listAllEntities } from "./bulk_imports/entities/route";
import { GET as getImport } from "./bulk_imports/[import_id]/route";
import { POST as cancelImport } from "./bulk_imports/[import_id]/cancel/route";
import { GET as listImportEntities } from "./bulk_imports/[import_id]/entities/route";
import { GET as getImportEntity } from "./bulk_imports/[import_id]/entities/[entity_id]/route";
import { GET as listFailures } from "./bulk_imports/[import_id]/entities/[entity_id]/failures/route";
import { GET as listGroups, POST as postGroup } from "./groups/route";
import { GET as getGroup } from "./groups/[id]/route";
import { GET as getAvatar } from "./groups/[id]/avatar/route";
import { GET as getBadges } from "./groups/[id]/badges/route";
import { GET as getBadge } from "./groups/[id]/badges/[badge_id]/route";
import { GET as getBoards } from "./groups/[id]/boards/route";
import { GET as getBoard } from "./groups/[id]/boards/[board_id]/route";
import { GET as getBoardLists } from "./groups/[id]/boards/[board_id]/lists/route";
import { GET as getBoardList } from "./groups/[id]/boards/[board_id]/lists/[list_id]/route";
import { GET as getDescendants } from "./groups/[id]/descendant_groups/route";
import { GET as listEpics } from "./groups/[id]/epics/route";
import { GET as getEpic } from "./groups/[id]/epics/[epic_iid]/route";
import { GET as getChildEpics } from "./groups/[id]/epics/[epic_iid]/epics/route";
import { GET as getEpicNotes } from "./groups/[id]/epics/[epic_iid]/notes/route";
import { GET as getEpicNote } from "./groups/[id]/epics/[epic_iid]/notes/[note_id]/route";
import { GET as exportStatusAlias, POST as startExport } from "./groups/[id]/export_relations/route";
import { GET as exportStatus } from "./groups/[id]/export_relations/status/route";
import { GET as getIterations } from "./groups/[id]/iterations/route";
import { GET as getLabels } from "./groups/[id]/labels/route";
import { GET as getMembers } from "./groups/[id]/members/route";
import { GET as getAllMembers } from "./groups/[id]/members/all/route";
import { GET as getMilestones } from "./groups/[id]/milestones/route";
import { GET as getProjects } from "./groups/[id]/projects/route";
import { GET as getSubgroups } from "./groups/[id]/subgroups/route";
import { GET as getMetadata } from "./metadata/route";
import { GET as getTokenSelf } from "./personal_access_tokens/self/route";
import { GET as projectExportStatus, POST as startProjectExport } from "./projects/[id]/export_relations/route";
import { GET as listProjects, POST as postProject } from "./projects/route";
import { DELETE as deleteProject, GET as getProject, PUT as putProject } from "./projects/[id]/route";
import { POST as archiveProject } from "./projects/[id]/archive/route";
import { POST as unarchiveProject } from "./projects/[id]/unarchive/route";
import { GET as getProjectMembers } from "./projects/[id]/members/route";
import { GET as getAllProjectMembers } from "./projects/[id]/members/all/route";
import { GET as getSelf } from "./user/route";
import { GET as getUser } from "./users/[id]/route";
import { GET as getVersion } from "./version/route";

/**
 * Every /api/v4 route against inputs GitLab refuses: each answer is a 4xx (never a 500) and nothing is written.
 * Rows are counted per table for this file's own user and group tag, so test files running at the same time, which
 * share the database, cannot make the count move.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Route = (request: Request, context: { params: Promise<any> }) => Promise<Response>;
type Token = "api" | "read_api" | "none" | "wrong";

interface Case {
  route: Route;
  /** Path and query, sent as written (already percent-encoded). */
  url: string;
  params?: Record<string, string>;
  method?: string;
  json?: unknown;
  form?: string;
  raw?: { body: BodyInit; type?: string };
  headers?: Record<string, string>;
  token?: Token;
  /** The exact status when it is known; any 4xx otherwise. */
  status?: number;
  /** The answer's `error` or `message`. */
  says?: string | RegExp;
}

const MIB = 1024 * 1024;
const CONFIG = { url: "https://gitlab.example.com", access_token: "glpat-source-token-value" };
const ENTITY = { source_type: "group_entity", source_full_path: "source/group", destination_slug: "dest", destination_namespace: "" };

let tag: string;
let group: Group;
let userId: number;
const ids = { group: "", board: "", import: "", entity: "", project: "" };
const tokens: Record<Exclude<Token, "none">, string> = { api: "", read_api: "", wrong: "glpat-wrongwrongwrongwrongwrong" };

beforeAll(async () => {
  const user = await makeUser();
  userId = user.id;
  tag = unique("bad");
  group = await createGroup(user, { name: `${tag} group`, path: tag });
  await createGroup(user, { name: `${tag} sub`, path: "sub", parentId: group.id });
  const [board] = await getDb().insert(boards).values({ groupId: group.id, name: "Development" }).returning();
  await getDb().insert(epics).values({ groupId: group.id, iid: 1, title: "An epic", authorId: user.id });
  const seeded = await seedImport(user.id);
  const project = await createProject(user, { name: `${tag} project`, path: "project", namespaceId: group.id });
  Object.assign(ids, { group: String(group.id), board: String(board!.id), import: String(seeded.id), entity: String(seeded.entityIds[0]), project: String(project.id) });
  tokens.api = await tokenFor(user.id);
  tokens.read_api = await tokenFor(user.id, ["read_api"]);
});

/** Calls a route handler the way Next does (see test/helpers/api.ts `call`), with any body, raw bytes included. */
async function send(c: Case): Promise<{ status: number; body: unknown }> {
  const url = new URL(c.url, "http://ferry.test");
  const headers = new Headers(c.headers);
  const token = c.token ?? "api";
  if (token !== "none") headers.set("private-token", tokens[token]);
  let body: BodyInit | undefined;
  if (c.json !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(c.json);
  } else if (c.form !== undefined) {
    headers.set("content-type", "application/x-www-form-urlencoded");
    body = c.form;
  } else if (c.raw) {
    if (c.raw.type) headers.set("content-type", c.raw.type);
    body = c.raw.body;
  }
  const response = await c.route(new Request(url, { method: c.method ?? (body === undefined ? "GET" : "POST"), headers, body }), { params: Promise.resolve(c.params ?? {}) });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: text };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The table. Functions build rows once the fixtures exist (their ids go into paths).

const GROUP_NOT_FOUND = "404 Group Not Found";
const NOT_FOUND = "404 Not found";

/** Routes below /groups/:id, with what else their path needs. */
const groupRoutes = (): [string, Route, Record<string, string>, string?][] => [
  ["GET /groups/:id", getGroup, {}],
  ["GET /groups/:id/subgroups", getSubgroups, {}],
  ["GET /groups/:id/descendant_groups", getDescendants, {}],
  ["GET /groups/:id/projects", getProjects, {}],
  ["GET /groups/:id/avatar", getAvatar, {}],
  ["GET /groups/:id/badges", getBadges, {}],
  ["GET /groups/:id/badges/:badge_id", getBadge, { badge_id: "1" }],
  ["GET /groups/:id/boards", getBoards, {}],
  ["GET /groups/:id/boards/:board_id", getBoard, { board_id: ids.board }],
  ["GET /groups/:id/boards/:board_id/lists", getBoardLists, { board_id: ids.board }],
  ["GET /groups/:id/epics", listEpics, {}],
  ["GET /groups/:id/epics/:epic_iid", getEpic, { epic_iid: "1" }],
  ["GET /groups/:id/epics/:epic_iid/epics", getChildEpics, { epic_iid: "1" }],
  ["GET /groups/:id/epics/:epic_iid/notes", getEpicNotes, { epic_iid: "1" }],
  ["GET /groups/:id/iterations", getIterations, {}],
  ["GET /groups/:id/labels", getLabels, {}],
  ["GET /groups/:id/milestones", getMilestones, {}],
  ["GET /groups/:id/members", getMembers, {}],
  ["GET /groups/:id/members/all", getAllMembers, {}],
  ["GET /groups/:id/export_relations", exportStatusAlias, {}],
  ["GET /groups/:id/export_relations/status", exportStatus, {}],
  ["POST /groups/:id/export_relations", startExport, {}, "POST"],
  ["GET /groups/:id/export_relations/download", exportRelationsRoutes("group").download, {}, "?relation=labels"],
];

/** Group ids that name nothing (404) and path segments that are not text at all (400). */
const BAD_GROUP_IDS: [string, number, string][] = [
  ["2147483648", 404, GROUP_NOT_FOUND],
  ["99999999999", 404, GROUP_NOT_FOUND],
  ["99999999999999999999999999", 404, GROUP_NOT_FOUND],
  ["-1", 404, GROUP_NOT_FOUND],
  ["x%2F..%2F..", 404, GROUP_NOT_FOUND],
  ["x%00", 400, "id is invalid"],
  ["%00", 400, "id is invalid"],
  ["%ff", 400, "id is invalid"],
  ["a%c3%28", 400, "id is invalid"],
];

function groupIdCases(): [string, Case][] {
  return groupRoutes().flatMap(([name, route, extra, tail]) =>
    BAD_GROUP_IDS.map(([id, status, says]): [string, Case] => [
      `${name} with id ${id}`,
      { route, url: `/x${tail?.startsWith("?") ? tail : ""}`, method: tail === "POST" ? "POST" : "GET", params: { id, ...extra }, status, says },
    ]),
  );
}

const PROJECT_NOT_FOUND = "404 Project Not Found";

/** Routes below /projects/:id, with the method and body each needs to get as far as looking the project up. */
const projectRoutes = (): [string, Route, string, unknown?][] => [
  ["GET /projects/:id", getProject, "GET"],
  ["PUT /projects/:id", putProject, "PUT", { description: "x" }],
  ["DELETE /projects/:id", deleteProject, "DELETE"],
  ["POST /projects/:id/archive", archiveProject, "POST"],
  ["POST /projects/:id/unarchive", unarchiveProject, "POST"],
  ["GET /projects/:id/members", getProjectMembers, "GET"],
  ["GET /projects/:id/members/all", getAllProjectMembers, "GET"],
];

/** Project ids and full paths that name nothing (404) and path segments that are not text at all (400). */
function projectIdCases(): [string, Case][] {
  const ids: [string, number, string][] = [
    ...BAD_GROUP_IDS.map(([id, status, says]): [string, number, string] => [id, status, status === 404 ? PROJECT_NOT_FOUND : says]),
    [encodeURIComponent(`${tag}/nothing`), 404, PROJECT_NOT_FOUND],
    // A group's own path is no project's.
    [encodeURIComponent(tag), 404, PROJECT_NOT_FOUND],
    ["%2F", 404, PROJECT_NOT_FOUND],
  ];
  return projectRoutes().flatMap(([name, route, method, json]) =>
    ids.map(([id, status, says]): [string, Case] => [`${name} with id ${id}`, { route, url: "/x", method, json, params: { id }, status, says }]),
  );
}

/** Integer path segments: not an integer is 400 `<name> is invalid`, out of range a 404. */
function integerPathCases(): [string, Case][] {
  const g = { id: ids.group };
  const imp = { import_id: ids.import };
  const routes: [string, Route, Record<string, string>, string, string?][] = [
    ["GET /groups/:id/badges/:badge_id", getBadge, g, "badge_id"],
    ["GET /groups/:id/boards/:board_id", getBoard, g, "board_id"],
    ["GET /groups/:id/boards/:board_id/lists", getBoardLists, g, "board_id"],
    ["GET /groups/:id/boards/:board_id/lists/:list_id", getBoardList, { ...g, board_id: ids.board }, "list_id"],
    ["GET /groups/:id/boards/:board_id/lists/:list_id", getBoardList, { ...g, list_id: "1" }, "board_id"],
    ["GET /groups/:id/epics/:epic_iid", getEpic, g, "epic_iid"],
    ["GET /groups/:id/epics/:epic_iid/epics", getChildEpics, g, "epic_iid"],
    ["GET /groups/:id/epics/:epic_iid/notes", getEpicNotes, g, "epic_iid"],
    ["GET /groups/:id/epics/:epic_iid/notes/:note_id", getEpicNote, { ...g, epic_iid: "1" }, "note_id"],
    ["GET /bulk_imports/:import_id", getImport, {}, "import_id"],
    ["POST /bulk_imports/:import_id/cancel", cancelImport, {}, "import_id", "POST"],
    ["GET /bulk_imports/:import_id/entities", listImportEntities, {}, "import_id"],
    ["GET /bulk_imports/:import_id/entities/:entity_id", getImportEntity, { entity_id: ids.entity }, "import_id"],
    ["GET /bulk_imports/:import_id/entities/:entity_id", getImportEntity, imp, "entity_id"],
    ["GET /bulk_imports/:import_id/entities/:entity_id/failures", listFailures, { entity_id: ids.entity }, "import_id"],
    ["GET /bulk_imports/:import_id/entities/:entity_id/failures", listFailures, imp, "entity_id"],
  ];
  const values: [string, number, (name: string) => string][] = [
    ["abc", 400, (name) => `${name} is invalid`],
    ["1.5", 400, (name) => `${name} is invalid`],
    ["1e3", 400, (name) => `${name} is invalid`],
    ["", 400, (name) => `${name} is invalid`],
    ["%00", 400, (name) => `${name} is invalid`],
    ["%ff", 400, (name) => `${name} is invalid`],
    ["2147483648", 404, () => NOT_FOUND],
    ["99999999999999999999", 404, () => NOT_FOUND],
    ["-7", 404, () => NOT_FOUND],
  ];
  return routes.flatMap(([name, route, params, param, method]) =>
    values.map(([value, status, says]): [string, Case] => [`${name} with ${param} ${JSON.stringify(value)}`, { route, url: "/x", method: method ?? "GET", params: { ...params, [param]: value }, status, says: says(param) }]),
  );
}

/** Query strings every paginated route refuses, whatever it lists. */
function queryCases(): [string, Case][] {
  const g = { id: ids.group };
  const lists: [string, Route, Record<string, string>][] = [
    ["GET /groups", listGroups, {}],
    ["GET /groups/:id/subgroups", getSubgroups, g],
    ["GET /groups/:id/descendant_groups", getDescendants, g],
    ["GET /groups/:id/projects", getProjects, g],
    ["GET /groups/:id/badges", getBadges, g],
    ["GET /groups/:id/boards", getBoards, g],
    ["GET /groups/:id/boards/:board_id/lists", getBoardLists, { ...g, board_id: ids.board }],
    ["GET /groups/:id/epics", listEpics, g],
    ["GET /groups/:id/epics/:epic_iid/notes", getEpicNotes, { ...g, epic_iid: "1" }],
    ["GET /groups/:id/iterations", getIterations, g],
    ["GET /groups/:id/labels", getLabels, g],
    ["GET /groups/:id/milestones", getMilestones, g],
    ["GET /groups/:id/members", getMembers, g],
    ["GET /groups/:id/members/all", getAllMembers, g],
    ["GET /projects", listProjects, {}],
    ["GET /projects/:id/members", getProjectMembers, { id: ids.project }],
    ["GET /projects/:id/members/all", getAllProjectMembers, { id: ids.project }],
    ["GET /bulk_imports", listImports, {}],
    ["GET /bulk_imports/entities", listAllEntities, {}],
    ["GET /bulk_imports/:import_id/entities", listImportEntities, { import_id: ids.import }],
    ["GET /bulk_imports/:import_id/entities/:entity_id/failures", listFailures, { import_id: ids.import, entity_id: ids.entity }],
  ];
  const queries: [string, string][] = [
    ["page=abc", "page is invalid"],
    ["per_page=abc", "per_page is invalid"],
    ["page=1.5&per_page=2.5", "page is invalid, per_page is invalid"],
    ["per_page=1e2", "per_page is invalid"],
    ["page=%00", "page is invalid"],
    ["search=%00", "search is invalid"],
    ["search=%ff", "search is invalid"],
    ["%ff=1", "%ff is invalid"],
    ["search=50%", "search is invalid"],
  ];
  return lists.flatMap(([name, route, params]) => queries.map(([query, says]): [string, Case] => [`${name}?${query}`, { route, url: `/x?${query}`, params, status: 400, says }]));
}

/** Each route's own parameters: booleans, integers, arrays, choices and dates Grape would not coerce. */
function routeParamCases(): [string, Case][] {
  const g = { id: ids.group };
  const rows: [string, Route, Record<string, string>, string, string][] = [
    ["GET /groups", listGroups, {}, "owned=maybe", "owned is invalid"],
    ["GET /groups", listGroups, {}, "top_level_only=2", "top_level_only is invalid"],
    ["GET /groups", listGroups, {}, "all_available=sure", "all_available is invalid"],
    ["GET /groups", listGroups, {}, "statistics=%00", "statistics is invalid"],
    ["GET /groups", listGroups, {}, "min_access_level=abc", "min_access_level is invalid"],
    ["GET /groups", listGroups, {}, "min_access_level=42", "min_access_level does not have a valid value"],
    ["GET /groups", listGroups, {}, "min_access_level=99999999999", "min_access_level does not have a valid value"],
    ["GET /groups", listGroups, {}, "order_by=bogus", "order_by does not have a valid value"],
    ["GET /groups", listGroups, {}, "sort=up&page=x", "page is invalid, sort does not have a valid value"],
    ["GET /groups/:id", getGroup, g, "with_projects=maybe", "with_projects is invalid"],
    ["GET /groups/:id/milestones", getMilestones, g, "iids[]=abc", "iids is invalid"],
    ["GET /groups/:id/milestones", getMilestones, g, "iids[]=1&iids[]=1.5", "iids is invalid"],
    ["GET /groups/:id/milestones", getMilestones, g, "iids=1,x", "iids is invalid"],
    ["GET /groups/:id/milestones", getMilestones, g, "state=bogus", "state does not have a valid value"],
    ["GET /groups/:id/milestones", getMilestones, g, "include_ancestors=x", "include_ancestors is invalid"],
    ["GET /groups/:id/epics", listEpics, g, "iids[]=abc", "iids is invalid"],
    ["GET /groups/:id/epics", listEpics, g, "iids[]=%00", "iids[] is invalid"],
    ["GET /groups/:id/epics", listEpics, g, "author_id=abc", "author_id is invalid"],
    ["GET /groups/:id/epics", listEpics, g, "not[author_id]=1.5", "not[author_id] is invalid"],
    ["GET /groups/:id/epics", listEpics, g, "author_id=1&author_username=x", "author_id, author_username are mutually exclusive"],
    ["GET /groups/:id/epics", listEpics, g, "confidential=maybe", "confidential is invalid"],
    ["GET /groups/:id/epics", listEpics, g, "with_labels_details=x", "with_labels_details is invalid"],
    ["GET /groups/:id/epics", listEpics, g, "include_ancestor_groups=x", "include_ancestor_groups is invalid"],
    ["GET /groups/:id/epics", listEpics, g, "include_descendant_groups=2", "include_descendant_groups is invalid"],
    ["GET /groups/:id/epics", listEpics, g, "created_after=yesterday", "created_after is invalid"],
    ["GET /groups/:id/epics", listEpics, g, "updated_before=%2B275760-09-13T00:00:00Z", "updated_before is invalid"],
    ["GET /groups/:id/epics", listEpics, g, "state=bogus", "state does not have a valid value"],
    ["GET /groups/:id/epics", listEpics, g, "order_by=id&sort=up", "order_by does not have a valid value, sort does not have a valid value"],
    ["GET /groups/:id/members", getMembers, g, "user_ids[]=abc", "user_ids is invalid"],
    ["GET /groups/:id/members/all", getAllMembers, g, "user_ids=1,x", "user_ids is invalid"],
    ["GET /groups/:id/members", getMembers, g, "show_seat_info=x", "show_seat_info is invalid"],
    ["GET /groups/:id/iterations", getIterations, g, "state=started", "state is invalid"],
    ["GET /groups/:id/iterations", getIterations, g, "include_ancestors=maybe", "include_ancestors is invalid"],
    ["GET /groups/:id/iterations", getIterations, g, "include_descendants=maybe", "include_descendants is invalid"],
    ["GET /groups/:id/iterations", getIterations, g, "in=body", "in is invalid"],
    ["GET /groups/:id/iterations", getIterations, g, "updated_after=yesterday", "updated_after is invalid"],
    ["GET /groups/:id/labels", getLabels, g, "with_counts=x", "with_counts is invalid"],
    ["GET /groups/:id/labels", getLabels, g, "only_group_labels=2", "only_group_labels is invalid"],
    ["GET /groups/:id/epics/:epic_iid/notes", getEpicNotes, { ...g, epic_iid: "1" }, "sort=up", "sort does not have a valid value"],
    ["GET /groups/:id/epics/:epic_iid/notes", getEpicNotes, { ...g, epic_iid: "1" }, "activity_filter=x", "activity_filter does not have a valid value"],
    ["GET /groups/:id/export_relations/status", exportStatus, g, "relation=self%00", "relation is invalid"],
    ["GET /groups/:id/export_relations", exportStatusAlias, g, "relation=%ff", "relation is invalid"],
    ["GET /groups/:id/export_relations/download", exportRelationsRoutes("group").download, g, "", "relation is missing"],
    ["GET /groups/:id/export_relations/download", exportRelationsRoutes("group").download, g, "relation=self%00", "relation is invalid"],
    ["GET /groups/:id/export_relations/download", exportRelationsRoutes("group").download, g, "relation=labels&batched=maybe&batch_number=1", "batched is invalid"],
    ["GET /groups/:id/export_relations/download", exportRelationsRoutes("group").download, g, "relation=labels&batched=true&batch_number=x", "batch_number is invalid"],
    ["GET /groups/:id/export_relations/download", exportRelationsRoutes("group").download, g, "relation=labels&batched=true", "batched, batch_number provide all or none of parameters"],
    ["GET /projects", listProjects, {}, "archived=maybe", "archived is invalid"],
    ["GET /projects", listProjects, {}, "simple=2&owned=x", "simple is invalid, owned is invalid"],
    ["GET /projects", listProjects, {}, "membership=x", "membership is invalid"],
    ["GET /projects", listProjects, {}, "statistics=%00", "statistics is invalid"],
    ["GET /projects", listProjects, {}, "active=nope", "active is invalid"],
    ["GET /projects", listProjects, {}, "with_issues_enabled=x", "with_issues_enabled is invalid"],
    ["GET /projects", listProjects, {}, "order_by=similarity", "order_by does not have a valid value"],
    ["GET /projects", listProjects, {}, "order_by=bogus&sort=up", "order_by does not have a valid value, sort does not have a valid value"],
    ["GET /projects", listProjects, {}, "visibility=secret", "visibility does not have a valid value"],
    ["GET /projects", listProjects, {}, "min_access_level=42", "min_access_level does not have a valid value"],
    ["GET /projects", listProjects, {}, "min_access_level=abc", "min_access_level is invalid"],
    ["GET /projects", listProjects, {}, "id_after=abc", "id_after is invalid"],
    ["GET /projects", listProjects, {}, "id_before=1.5", "id_before is invalid"],
    ["GET /projects", listProjects, {}, "last_activity_after=yesterday", "last_activity_after is invalid"],
    ["GET /projects", listProjects, {}, "last_activity_before=%2B275760-09-13T00:00:00Z", "last_activity_before is invalid"],
    ["GET /groups/:id/projects", getProjects, g, "include_subgroups=maybe", "include_subgroups is invalid"],
    ["GET /groups/:id/projects", getProjects, g, "with_shared=x&archived=maybe", "archived is invalid, with_shared is invalid"],
    ["GET /groups/:id/projects", getProjects, g, "order_by=star", "order_by does not have a valid value"],
    ["GET /projects/:id", getProject, { id: ids.project }, "statistics=maybe", "statistics is invalid"],
    ["GET /projects/:id", getProject, { id: ids.project }, "license=2", "license is invalid"],
    ["GET /projects/:id/members", getProjectMembers, { id: ids.project }, "user_ids[]=abc", "user_ids is invalid"],
    ["GET /projects/:id/members/all", getAllProjectMembers, { id: ids.project }, "show_seat_info=x", "show_seat_info is invalid"],
    ["GET /bulk_imports", listImports, {}, "status=done", "status does not have a valid value"],
    ["GET /bulk_imports", listImports, {}, "sort=%00", "sort is invalid"],
    ["GET /bulk_imports/entities", listAllEntities, {}, "status=complete&sort=up", "sort does not have a valid value, status does not have a valid value"],
    ["GET /user", getSelf, {}, "private_token=%00", "private_token is invalid"],
    ["GET /users/:id", getUser, { id: "1" }, "x=%ff", "x is invalid"],
  ];
  return rows.map(([name, route, params, query, says]): [string, Case] => [`${name}?${query}`, { route, url: `/x?${query}`, params, status: 400, says }]);
}

const deepJson = (depth: number) => `{"name":${"[".repeat(depth)}${"]".repeat(depth)}}`;
const oversized = () => `{"name":"${"x".repeat(MIB)}"}`;

/** POST bodies of every writing route: malformed, oversized, NULs, invalid UTF-8, wrong types. */
function bodyCases(): [string, Case][] {
  const g = { id: ids.group };
  const writes: [string, Route, Record<string, string>, string?][] = [
    ["POST /groups", postGroup, {}],
    ["POST /bulk_imports", createImport, {}],
    ["POST /groups/:id/export_relations", startExport, g],
    ["POST /projects", postProject, {}],
    ["PUT /projects/:id", putProject, { id: ids.project }, "PUT"],
  ];
  const malformed = "message body does not match declared format";
  const bodies: [string, Partial<Case>][] = [
    ["truncated JSON", { raw: { body: '{"name": ', type: "application/json" }, status: 400, says: malformed }],
    ["JSON with a trailing comma", { raw: { body: '{"name": "a",}', type: "application/json" }, status: 400, says: malformed }],
    ["invalid UTF-8 bytes in JSON", { raw: { body: new Uint8Array([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]), type: "application/json" }, status: 400, says: malformed }],
    ["JSON sent as a form, truncated", { raw: { body: '{"name"', type: "application/x-www-form-urlencoded" }, status: 400, says: malformed }],
    ["JSON nested 5000 deep", { raw: { body: deepJson(5000), type: "application/json" }, status: 400, says: malformed }],
    ["a form key nested 500 deep", { form: `a${"[b]".repeat(500)}=1`, status: 400, says: "a is invalid" }],
    ["a NUL in a JSON value", { json: { name: "a\u0000b", batched: "\u0000" }, status: 400, says: /is invalid/ }],
    ["a NUL in a JSON key", { json: { "na\u0000me": "x" }, status: 400, says: "name is invalid" }],
    ["a NUL in a form value", { form: "name=a%00b&batched=%00", status: 400, says: /is invalid/ }],
    ["invalid UTF-8 in a form value", { form: "name=%ff&batched=%ff", status: 400, says: /is invalid/ }],
    ["a NUL in the query", { url: "/x?name=%00", json: {}, status: 400, says: "name is invalid" }],
    ["a broken multipart body", { raw: { body: "--x\r\nnot a part", type: "multipart/form-data; boundary=x" }, status: 400, says: malformed }],
    ["a body of 1 MiB and more", { raw: { body: oversized(), type: "application/json" }, status: 413, says: "Request body too large" }],
    ["a form of 1 MiB and more", { form: `name=${"x".repeat(MIB)}`, status: 413, says: "Request body too large" }],
    ["a Content-Length of 300 MB", { raw: { body: "{}", type: "application/json" }, headers: { "content-length": String(300 * MIB) }, status: 413, says: "Request body too large" }],
  ];
  return writes.flatMap(([name, route, params, method]) =>
    bodies.map(([what, c]): [string, Case] => [`${name} with ${what}`, { route, url: "/x", method: method ?? "POST", params, ...c }]),
  );
}

/** POST /groups: parameters of the wrong type or naming no parent. */
function createGroupCases(): [string, Case][] {
  const path = () => `${tag}-${unique("p")}`;
  const rows: [string, unknown, number, string | RegExp][] = [
    ["no name", { path: path() }, 400, "name is missing"],
    ["no path", { name: "x" }, 400, "path is missing"],
    ["a name that is an object", { name: { a: 1 }, path: path() }, 400, "name is invalid"],
    ["a path that is an array", { name: "x", path: [path()] }, 400, "path is invalid"],
    ["a description that is a boolean", { name: "x", path: path(), description: true }, 400, "description is invalid"],
    ["visibility secret", { name: "x", path: path(), visibility: "secret" }, 400, "visibility does not have a valid value"],
    ["parent_id abc", { name: "x", path: path(), parent_id: "abc" }, 400, "parent_id is invalid"],
    ["parent_id 1.5", { name: "x", path: path(), parent_id: 1.5 }, 400, "parent_id is invalid"],
    ["parent_id true", { name: "x", path: path(), parent_id: true }, 400, "parent_id is invalid"],
    ["parent_id as an object", { name: "x", path: path(), parent_id: { id: 1 } }, 400, "parent_id is invalid"],
    ["parent_id past PostgreSQL's integers", { name: "x", path: path(), parent_id: "2147483648" }, 404, "Parent group not found."],
    ["parent_id 99999999999999999999", { name: "x", path: path(), parent_id: 99999999999999999999 }, 404, "Parent group not found."],
    ["parent_id -1", { name: "x", path: path(), parent_id: -1 }, 404, "Parent group not found."],
    ["parent_id 0", { name: "x", path: path(), parent_id: "0" }, 404, "Parent group not found."],
    ["several bad parameters", { name: [], path: {}, parent_id: "x", visibility: 1 }, 400, "name is invalid, path is invalid, visibility does not have a valid value, parent_id is invalid"],
  ];
  const json = rows.map(([what, body, status, says]): [string, Case] => [`POST /groups (JSON) with ${what}`, { route: postGroup, url: "/x", json: body, status, says }]);
  const forms: [string, string, number, string][] = [
    ["parent_id abc", `name=x&path=${path()}&parent_id=abc`, 400, "parent_id is invalid"],
    ["parent_id 2147483648", `name=x&path=${path()}&parent_id=2147483648`, 404, "Parent group not found."],
    ["a path with %ff", "name=x&path=%ff", 400, "path is invalid"],
    ["name[]=x", `name[]=x&path=${path()}`, 400, "name is invalid"],
  ];
  return [...json, ...forms.map(([what, form, status, says]): [string, Case] => [`POST /groups (form) with ${what}`, { route: postGroup, url: "/x", form, status, says }])];
}

/** POST /projects and PUT /projects/:id: parameters of the wrong type, values GitLab refuses, no group to create in. */
function createProjectCases(): [string, Case][] {
  const ns = Number(ids.group);
  const rows: [string, unknown, number, string | RegExp | undefined][] = [
    ["no name nor path", { namespace_id: ns }, 400, "name, path are missing, at least one parameter must be provided"],
    ["no namespace_id", { name: "x" }, 400, "namespace_id is missing"],
    ["a name that is an object", { name: { a: 1 }, namespace_id: ns }, 400, "name is invalid"],
    ["a path that is an array", { path: ["x"], namespace_id: ns }, 400, "path is invalid"],
    ["a description that is a boolean", { name: "x", description: true, namespace_id: ns }, 400, "description is invalid"],
    ["visibility secret", { name: "x", visibility: "secret", namespace_id: ns }, 400, "visibility does not have a valid value"],
    ["topics that are an object", { name: "x", topics: { a: 1 }, namespace_id: ns }, 400, "topics is invalid"],
    ["topics that are numbers", { name: "x", topics: [1, 2], namespace_id: ns }, 400, "topics is invalid"],
    ["tag_list that is a number", { name: "x", tag_list: 5, namespace_id: ns }, 400, "tag_list is invalid"],
    ["default_branch that is an object", { name: "x", default_branch: {}, namespace_id: ns }, 400, "default_branch is invalid"],
    ["initialize_with_readme maybe", { name: "x", initialize_with_readme: "maybe", namespace_id: ns }, 400, "initialize_with_readme is invalid"],
    ["issues_access_level bogus", { name: "x", issues_access_level: "bogus", namespace_id: ns }, 400, "issues_access_level does not have a valid value"],
    ["issues_enabled maybe", { name: "x", issues_enabled: "maybe", namespace_id: ns }, 400, "issues_enabled is invalid"],
    ["build_timeout of 5 seconds", { name: "x", build_timeout: 5, namespace_id: ns }, 400, "build_timeout does not have a valid value"],
    ["a suggestion_commit_message of 256 characters", { name: "x", suggestion_commit_message: "m".repeat(256), namespace_id: ns }, 400, /suggestion_commit_message is too long/],
    ["namespace_id abc", { name: "x", namespace_id: "abc" }, 400, "namespace_id is invalid"],
    ["namespace_id 1.5", { name: "x", namespace_id: 1.5 }, 400, "namespace_id is invalid"],
    ["namespace_id as an object", { name: "x", namespace_id: { id: 1 } }, 400, "namespace_id is invalid"],
    // Validation errors are GitLab's `{"message": {"<attribute>": [...]}}`: checked by status here, by body in the route's tests.
    ["namespace_id past PostgreSQL's integers", { name: "x", namespace_id: "2147483648" }, 400, undefined],
    ["namespace_id -1", { name: "x", namespace_id: -1 }, 400, undefined],
    ["a path GitLab refuses", { name: "x", path: "-x-", namespace_id: ns }, 400, undefined],
    ["a reserved path", { name: "x", path: "tree", namespace_id: ns }, 400, undefined],
    ["the path of the group's project", { name: "x", path: "PROJECT", namespace_id: ns }, 400, undefined],
    ["the path of the group's subgroup", { name: "x", path: "sub", namespace_id: ns }, 400, undefined],
    ["a public project in a private group", { name: "x", visibility: "public", namespace_id: ns }, 400, undefined],
    ["a default branch git refuses", { name: "x", default_branch: "a..b", namespace_id: ns }, 400, undefined],
    ["several bad parameters", { name: [], path: {}, namespace_id: "x", visibility: 1 }, 400, "name is invalid, path is invalid, visibility does not have a valid value, namespace_id is invalid"],
  ];
  const posts = rows.map(([what, body, status, says]): [string, Case] => [`POST /projects with ${what}`, { route: postProject, url: "/x", json: body, status, says }]);
  const puts: [string, unknown, number, string | undefined][] = [
    ["nothing to change", {}, 400, undefined],
    ["a name that is an object", { name: { a: 1 } }, 400, "name is invalid"],
    ["merge_method squash", { merge_method: "squash" }, 400, "merge_method does not have a valid value"],
    ["a path GitLab refuses", { path: "a__b" }, 400, undefined],
    ["the path of the group's subgroup", { path: "sub" }, 400, undefined],
    ["a public visibility in a private group", { visibility: "public" }, 400, undefined],
  ];
  return [
    ...posts,
    ...puts.map(([what, body, status, says]): [string, Case] => [`PUT /projects/:id with ${what}`, { route: putProject, url: "/x", method: "PUT", params: { id: ids.project }, json: body, status, says }]),
    ["POST /projects (form) with namespace_id abc", { route: postProject, url: "/x", form: "name=x&namespace_id=abc", status: 400, says: "namespace_id is invalid" }],
    ["POST /projects (form) with topics[][a]=x", { route: postProject, url: "/x", form: `name=x&namespace_id=${ns}&topics[][a]=x`, status: 400, says: "topics is invalid" }],
  ];
}

/** POST /bulk_imports: what Grape's params block and the import checks refuse, before any source is called. */
function createImportCases(): [string, Case][] {
  const entity = (overrides: Record<string, unknown>) => ({ ...ENTITY, destination_slug: unique("dest"), ...overrides });
  const hint = (field: string, example: string) =>
    `entities[0][${field}] must be a relative path and not include protocol, sub-domain, or domain information. For example, '${example}' not 'https://example.com/${example}'`;
  const sourcePaths = [".", "..", "x/..", "../x", "x/../y", "a/./b", "./a", "a//b", "/a", "a/", "//", "a b", "https://gitlab.com/a", "a?b", "a#b", "%2e%2e", "..%2F..", `${"a/".repeat(1100)}a`];
  const rows: [string, unknown, number, string | RegExp][] = [
    ...sourcePaths.map((p): [string, unknown, number, string] => [`source_full_path ${JSON.stringify(p.slice(0, 20))}`, { configuration: CONFIG, entities: [entity({ source_full_path: p })] }, 400, hint("source_full_path", "source/full/path")]),
    ...["..", "a//b", "/x", "x/../y"].map((p): [string, unknown, number, string] => [`destination_namespace ${p}`, { configuration: CONFIG, entities: [entity({ destination_namespace: p })] }, 400, hint("destination_namespace", "destination/full/path")]),
    ["source_full_path with a NUL", { configuration: CONFIG, entities: [entity({ source_full_path: "a\u0000" })] }, 400, "entities[0][source_full_path] is invalid"],
    ["source_full_path empty", { configuration: CONFIG, entities: [entity({ source_full_path: "" })] }, 400, "entities[0][source_full_path] is empty"],
    ["source_full_path an object", { configuration: CONFIG, entities: [entity({ source_full_path: { a: 1 } })] }, 400, "entities[0][source_full_path] is invalid"],
    ["source_full_path an array", { configuration: CONFIG, entities: [entity({ source_full_path: ["a"] })] }, 400, "entities[0][source_full_path] is invalid"],
    ["source_full_path missing", { configuration: CONFIG, entities: [entity({ source_full_path: undefined })] }, 400, "entities[0][source_full_path] is missing"],
    ["source_type unknown", { configuration: CONFIG, entities: [entity({ source_type: "repo" })] }, 400, "entities[0][source_type] does not have a valid value"],
    ["source_type a number", { configuration: CONFIG, entities: [entity({ source_type: 5 })] }, 400, "entities[0][source_type] does not have a valid value"],
    ["destination_slug with a slash", { configuration: CONFIG, entities: [entity({ destination_slug: "a/b" })] }, 400, /entities\[0\]\[destination_slug\] can contain only/],
    ["destination_slug an object", { configuration: CONFIG, entities: [entity({ destination_slug: {} })] }, 400, "entities[0][destination_slug] is invalid"],
    ["destination_slug and destination_name", { configuration: CONFIG, entities: [entity({ destination_name: "x" })] }, 400, /are mutually exclusive/],
    ["migrate_projects maybe", { configuration: CONFIG, entities: [entity({ migrate_projects: "maybe" })] }, 400, "entities[0][migrate_projects] is invalid"],
    ["migrate_memberships an object", { configuration: CONFIG, entities: [entity({ migrate_memberships: {} })] }, 400, "entities[0][migrate_memberships] is invalid"],
    ["entities missing", { configuration: CONFIG }, 400, "entities is missing"],
    ["entities a string", { configuration: CONFIG, entities: "x" }, 400, "entities is invalid"],
    ["entities a number", { configuration: CONFIG, entities: 5 }, 400, "entities is invalid"],
    ["entities empty", { configuration: CONFIG, entities: [] }, 400, "entities is empty"],
    ["entities of 101", { configuration: CONFIG, entities: Array.from({ length: 101 }, () => entity({})) }, 400, "entities has too many elements (maximum is 100)"],
    ["an entity that is null", { configuration: CONFIG, entities: [null] }, 400, "entities[0] is invalid"],
    ["an entity that is a string", { configuration: CONFIG, entities: ["group"] }, 400, "entities[0] is invalid"],
    ["configuration missing", { entities: [entity({})] }, 400, /^configuration is missing/],
    ["configuration a string", { configuration: "x", entities: [entity({})] }, 400, "configuration is invalid"],
    ["configuration[url] an object", { configuration: { ...CONFIG, url: {} }, entities: [entity({})] }, 400, "configuration[url] is invalid"],
    ["configuration[url] empty", { configuration: { ...CONFIG, url: " " }, entities: [entity({})] }, 400, "configuration[url] is empty"],
    ["configuration[access_token] of 256 characters", { configuration: { ...CONFIG, access_token: "x".repeat(256) }, entities: [entity({})] }, 400, /configuration\[access_token\] is too long/],
    ["a project_entity whose source is no project's path", { configuration: CONFIG, entities: [entity({ source_type: "project_entity", source_full_path: "lonely" })] }, 422, /lonely is not a project's full path/],
    ["the same source twice", { configuration: CONFIG, entities: [entity({}), entity({})] }, 422, /listed twice/],
    ["a body that is an array", [entity({})], 400, /configuration is missing/],
  ];
  const json = rows.map(([what, body, status, says]): [string, Case] => [`POST /bulk_imports (JSON) with ${what}`, { route: createImport, url: "/x", json: body, status, says }]);
  const form = (fields: string) => `configuration[url]=${encodeURIComponent(CONFIG.url)}&configuration[access_token]=t&${fields}`;
  const forms: [string, string, number, string | RegExp][] = [
    ["Rack-style entity with source_full_path ..", form("entities[][source_type]=group_entity&entities[][source_full_path]=..&entities[][destination_slug]=d&entities[][destination_namespace]="), 400, hint("source_full_path", "source/full/path")],
    ["indexed entity with source_full_path a//b", form("entities[0][source_type]=group_entity&entities[0][source_full_path]=a//b&entities[0][destination_slug]=d&entities[0][destination_namespace]="), 400, hint("source_full_path", "source/full/path")],
    ["source_full_path %ff", form("entities[0][source_type]=group_entity&entities[0][source_full_path]=%ff&entities[0][destination_slug]=d&entities[0][destination_namespace]="), 400, "entities[0][source_full_path] is invalid"],
    ["source_full_path %00", form("entities[0][source_type]=group_entity&entities[0][source_full_path]=a%00&entities[0][destination_slug]=d&entities[0][destination_namespace]="), 400, "entities[0][source_full_path] is invalid"],
    ["an entity index past 2^32", form("entities[4294967296][source_type]=group_entity&entities[4294967296][source_full_path]=.&entities[4294967296][destination_slug]=d&entities[4294967296][destination_namespace]="), 400, hint("source_full_path", "source/full/path")],
    ["migrate_projects maybe", form("entities[0][source_type]=group_entity&entities[0][source_full_path]=a&entities[0][destination_slug]=d&entities[0][destination_namespace]=&entities[0][migrate_projects]=maybe"), 400, "entities[0][migrate_projects] is invalid"],
  ];
  return [...json, ...forms.map(([what, body, status, says]): [string, Case] => [`POST /bulk_imports (form) with ${what}`, { route: createImport, url: "/x", form: body, status, says }])];
}

/** Tokens: none where GitLab needs one, a wrong one anywhere, a read_api one where GitLab needs api. */
function authCases(): [string, Case][] {
  const g = { id: ids.group };
  const needToken: [string, Route, Record<string, string>, string?][] = [
    ["GET /user", getSelf, {}],
    ["GET /version", getVersion, {}],
    ["GET /metadata", getMetadata, {}],
    ["GET /personal_access_tokens/self", getTokenSelf, {}],
    ["GET /groups/:id/labels", getLabels, g],
    ["GET /groups/:id/members", getMembers, g],
    ["GET /bulk_imports", listImports, {}],
    ["POST /groups", postGroup, {}, "POST"],
    ["POST /bulk_imports", createImport, {}, "POST"],
    ["POST /bulk_imports/:import_id/cancel", cancelImport, { import_id: ids.import }, "POST"],
    ["POST /groups/:id/export_relations", startExport, g, "POST"],
    ["POST /projects/:id/export_relations", startProjectExport, { id: "1" }, "POST"],
    ["GET /projects/:id/export_relations", projectExportStatus, { id: "1" }],
    ["POST /projects", postProject, {}, "POST"],
    ["PUT /projects/:id", putProject, { id: ids.project }, "PUT"],
    ["DELETE /projects/:id", deleteProject, { id: ids.project }, "DELETE"],
    ["POST /projects/:id/archive", archiveProject, { id: ids.project }, "POST"],
    ["GET /projects/:id/members", getProjectMembers, { id: ids.project }],
  ];
  const publicReads: [string, Route, Record<string, string>][] = [
    ["GET /groups", listGroups, {}],
    ["GET /groups/:id", getGroup, g],
    ["GET /groups/:id/epics", listEpics, g],
    ["GET /groups/:id/projects", getProjects, g],
    ["GET /projects", listProjects, {}],
    ["GET /projects/:id", getProject, { id: ids.project }],
    ["GET /users/:id", getUser, { id: String(userId) }],
  ];
  const writes: [string, Route, Record<string, string>, string?][] = [
    ["POST /groups", postGroup, {}],
    ["POST /bulk_imports", createImport, {}],
    ["POST /bulk_imports/:import_id/cancel", cancelImport, { import_id: ids.import }],
    ["POST /groups/:id/export_relations", startExport, g],
    ["POST /projects", postProject, {}],
    ["PUT /projects/:id", putProject, { id: ids.project }, "PUT"],
    ["DELETE /projects/:id", deleteProject, { id: ids.project }, "DELETE"],
    ["POST /projects/:id/archive", archiveProject, { id: ids.project }],
    ["POST /projects/:id/unarchive", unarchiveProject, { id: ids.project }],
  ];
  return [
    ...needToken.map(([name, route, params, method]): [string, Case] => [`${name} without a token`, { route, url: "/x", params, method: method ?? "GET", token: "none", status: 401, says: "401 Unauthorized" }]),
    ...[...needToken, ...publicReads].map(([name, route, params, method]): [string, Case] => [`${name} with a wrong token`, { route, url: "/x", params, method: method ?? "GET", token: "wrong", status: 401, says: "401 Unauthorized" }]),
    ...writes.map(([name, route, params, method]): [string, Case] => [`${name} with a read_api token`, { route, url: "/x", params, method: method ?? "POST", json: {}, token: "read_api", status: 403 }]),
  ];
}

const allCases = () => [
  ...groupIdCases(),
  ...projectIdCases(),
  ...integerPathCases(),
  ...queryCases(),
  ...routeParamCases(),
  ...bodyCases(),
  ...createGroupCases(),
  ...createProjectCases(),
  ...createImportCases(),
  ...authCases(),
];

// ---------------------------------------------------------------------------------------------------------------

/** This file's rows in the main tables: its user's imports, entities, exports, tokens and memberships, its tag's groups and their projects. */
async function counts(db: Db) {
  const count = async (query: Promise<{ n: number }[]>) => (await query)[0]!.n;
  const n = sql<number>`count(*)::int`;
  const mine = db.select({ id: bulkImports.id }).from(bulkImports).where(eq(bulkImports.userId, userId));
  const tagged: SQL = or(like(groups.path, `${tag}%`), inArray(groups.id, db.select({ id: groupMembers.groupId }).from(groupMembers).where(eq(groupMembers.userId, userId))))!;
  return {
    bulkImports: await count(db.select({ n }).from(bulkImports).where(eq(bulkImports.userId, userId))),
    entities: await count(db.select({ n }).from(bulkImportEntities).where(inArray(bulkImportEntities.bulkImportId, mine))),
    groups: await count(db.select({ n }).from(groups).where(tagged)),
    // Every project this file's user could have made or changed is in one of its groups; a changed one is counted by
    // its path, name and state, which no bad input may move.
    projects: await db
      .select({ id: projects.id, path: projects.path, name: projects.name, description: projects.description, archived: projects.archived, visibility: projects.visibilityLevel })
      .from(projects)
      .where(inArray(projects.namespaceId, db.select({ id: groups.id }).from(groups).where(tagged)))
      .orderBy(projects.id),
    memberships: await count(db.select({ n }).from(groupMembers).where(eq(groupMembers.userId, userId))),
    tokens: await count(db.select({ n }).from(personalAccessTokens).where(eq(personalAccessTokens.userId, userId))),
    exports: await count(db.select({ n }).from(bulkImportExports).where(eq(bulkImportExports.userId, userId))),
  };
}

describe("bad inputs on every /api/v4 route: a 4xx, never a 500, and nothing written", () => {
  let before: Awaited<ReturnType<typeof counts>>;
  let cases: [string, Case][] = [];
  const statuses = new Map<number, number>();

  beforeAll(async () => {
    cases = allCases();
    before = await counts(getDb());
  });

  afterAll(() => {
    console.info(`${cases.length} bad inputs; answers by status: ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
  });

  it("has at least 200 bad inputs", () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
  });

  it("answers each with a 4xx in GitLab's shape", async () => {
    const wrong: string[] = [];
    for (const [name, c] of cases) {
      const answer = await send(c);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      const said = answer.body && typeof answer.body === "object" ? ((answer.body as Record<string, unknown>).error ?? (answer.body as Record<string, unknown>).message) : answer.body;
      const statusOk = c.status === undefined ? answer.status >= 400 && answer.status < 500 : answer.status === c.status;
      const saysOk = c.says === undefined || (typeof said === "string" && (typeof c.says === "string" ? said === c.says : c.says.test(said)));
      if (!statusOk || !saysOk) wrong.push(`${name}: ${answer.status} ${JSON.stringify(said)?.slice(0, 300)} (wanted ${c.status ?? "4xx"} ${String(c.says ?? "")})`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it("wrote nothing: no import, entity, group, project, membership, token or export", async () => {
    expect(await counts(getDb())).toEqual(before);
  });
});

describe("inputs at GitLab's edges that are not errors", () => {
  it("answers an empty page past the last one, however far, and clamps per_page to 100", async () => {
    for (const page of ["99999999999", "99999999999999999999999999999", "9007199254740993"]) {
      const answer = await send({ route: listGroups, url: `/x?page=${page}&per_page=100` });
      expect([answer.status, answer.body]).toEqual([200, []]);
    }
    const clamped = await send({ route: getBadges, url: "/x?per_page=1000", params: { id: ids.group } });
    expect(clamped.status).toBe(200);
    const headers = (await getBadges(new Request("http://ferry.test/x?per_page=1000", { headers: { "private-token": tokens.api } }), { params: Promise.resolve({ id: ids.group }) })).headers;
    expect(headers.get("x-per-page")).toBe("100");
  });

  it("filters by an id past PostgreSQL's integers as by an id nobody has: an empty list, not everything", async () => {
    expect(await send({ route: getMilestones, url: "/x?iids[]=99999999999", params: { id: ids.group } })).toEqual({ status: 200, body: [] });
    expect(await send({ route: listEpics, url: "/x?iids[]=99999999999", params: { id: ids.group } })).toEqual({ status: 200, body: [] });
    expect(await send({ route: listEpics, url: "/x?author_id=99999999999", params: { id: ids.group } })).toEqual({ status: 200, body: [] });
    expect(((await send({ route: listEpics, url: "/x?not[author_id]=99999999999", params: { id: ids.group } })).body as unknown[]).length).toBe(1);
    expect(await send({ route: getMembers, url: "/x?user_ids[]=99999999999", params: { id: ids.group } })).toEqual({ status: 200, body: [] });
  });

  it("reads a group by its encoded full path once, and a digits-only id as an id", async () => {
    expect((await send({ route: getGroup, url: "/x", params: { id: encodeURIComponent(`${tag}/sub`) } })).status).toBe(200);
    expect(await send({ route: getGroup, url: "/x", params: { id: ids.group } })).toMatchObject({ status: 200, body: { id: group.id } });
  });
});

import fs from "node:fs";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getDb, users } from "@/lib/db";
import { STATUS } from "@/lib/migration";
import { call, tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { runImportWorker } from "@/test/helpers/import-worker";
import { destinationOf, importSourceGroup } from "@/test/exchange/fixture-import";
import { treeFolder } from "@/test/source/fixture-loader";
import { startTestSource } from "@/test/source";
import { GET as getBadges } from "./groups/[id]/badges/route";
import { GET as getBoard } from "./groups/[id]/boards/[board_id]/route";
import { GET as getBoards } from "./groups/[id]/boards/route";
import { GET as getEpic } from "./groups/[id]/epics/[epic_iid]/route";
import { GET as getEpicNotes } from "./groups/[id]/epics/[epic_iid]/notes/route";
import { GET as getEpics } from "./groups/[id]/epics/route";
import { GET as getLabels } from "./groups/[id]/labels/route";
import { GET as getMembers } from "./groups/[id]/members/route";
import { GET as getMilestones } from "./groups/[id]/milestones/route";

runImportWorker("pgboss_group_relations_test");

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const ROOT = 4351;
const SUBGROUPS = [4352, 4353];

/** The fixture's records of one relation of one group: what the source has, and so what Ferry must show. */
function fixture(groupId: number, relation: string): Json[] {
  const file = path.join(treeFolder("complex"), String(groupId), `${relation}.ndjson`);
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line) as Json);
}

/** The source user of a member record of the top group's fixture. */
const sourceMember = (id: number): Json => fixture(ROOT, "members").find((m) => m.user.id === id)!.user;

/**
 * Who a source user must appear as: the confirmed local account with its public email (other test files in this
 * database make some), else its placeholder, whose username is the source's plus `_placeholder_user_<n>`.
 */
async function mappedName(sourceUser: Json): Promise<string> {
  const [local] = sourceUser.public_email
    ? await getDb()
        .select({ username: users.username })
        .from(users)
        .where(and(sql`lower(${users.email}) = lower(${sourceUser.public_email as string})`, eq(users.userType, "human"), isNotNull(users.confirmedAt), eq(users.state, "active")))
        .limit(1)
    : [];
  return local?.username ?? `${sourceUser.username}_placeholder`;
}
const shown = (username: string) => username.replace(/_placeholder_user_\d+$/, "_placeholder");

const sorted = <T>(list: T[]) => [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
const stateOf = (epic: Json) => (epic.state ?? epic.state_id ?? "opened") === "closed" || epic.state_id === 2 ? "closed" : "opened";

/**
 * Issue #4's definition of done: GitLab's group export fixtures, served by the test source as a GitLab EE 17.8 that
 * batches its exports, imported by the engine, read back through Ferry's API, give exactly what the fixtures hold.
 */
describe("importing GitLab's complex group export", () => {
  it("gives, through the API, exactly the fixtures' labels, milestones, badges, boards and lists, epics with notes, and members", async () => {
    const source = await startTestSource({ version: "17.8.0-ee", batchSize: 2, exportDelayMs: 20 });
    try {
      const user = await makeUser();
      const token = await tokenFor(user.id, ["read_api"]);
      const slug = unique("relations");
      const imported = await importSourceGroup(source, source.group(ROOT).path, user, slug);
      expect(imported).toMatchObject({ status: STATUS.finished, hasFailures: false });

      const rootMembers = new Map(fixture(ROOT, "members").map((m) => [m.user.id as number, m.access_level as number]));
      for (const groupId of [ROOT, ...SUBGROUPS]) {
        const group = destinationOf(source, imported.byPath, groupId, ROOT);
        const fullPath = group.fullPath;
        const get = async <P,>(route: (request: Request, context: { params: Promise<P> }) => Promise<Response>, suffix: string, extra: Record<string, string> = {}) => {
          const response = await call(route, `/api/v4/groups/${group.id}/${suffix}`, { token, params: { id: String(group.id), ...extra } as P });
          expect(response.status, `${suffix} of ${fullPath}`).toBe(200);
          return response.body as Json[];
        };

        // The group's own: GitLab lists its ancestors' labels too unless asked not to.
        const labels = await get(getLabels, "labels?per_page=100&include_ancestor_groups=false");
        expect(sorted(labels.map((l) => [l.name, l.color, l.description]))).toEqual(sorted(fixture(groupId, "labels").map((l) => [l.title, l.color, l.description])));

        const milestones = await get(getMilestones, "milestones?per_page=100");
        expect(sorted(milestones.map((m) => [m.iid, m.title, m.state, m.due_date, m.start_date]))).toEqual(
          sorted(fixture(groupId, "milestones").map((m) => [m.iid, m.title, m.state, m.due_date ?? null, m.start_date ?? null])),
        );

        const badges = await get(getBadges, "badges?per_page=100");
        expect(sorted(badges.map((b) => [b.link_url, b.image_url, b.kind]))).toEqual(sorted(fixture(groupId, "badges").map((b) => [b.link_url, b.image_url, "group"])));

        // GitLab's board API lists label (and milestone, iteration, assignee) lists, not the Open and Closed ones.
        const boards = await get(getBoards, "boards?per_page=100");
        const boardShape = (name: string, lists: Json[]) => [name, sorted(lists.map((l) => [l.label?.name ?? l.label?.title, l.position]))];
        expect(sorted(boards.map((b) => boardShape(b.name, b.lists)))).toEqual(
          sorted(fixture(groupId, "boards").map((b) => boardShape(b.name, (b.lists ?? []).filter((l: Json) => l.list_type === "label")))),
        );

        const epics = await get(getEpics, "epics?include_descendant_groups=false&per_page=100");
        const sourceEpics = fixture(groupId, "epics");
        const iidOf = new Map(sourceEpics.map((e) => [e.id as number, e.iid as number]));
        expect(sorted(epics.map((e) => [e.iid, e.title, e.description, e.state, e.parent_iid ?? null, e.upvotes]))).toEqual(
          sorted(sourceEpics.map((e) => [e.iid, e.title, e.description, stateOf(e), e.parent_id ? iidOf.get(e.parent_id) : null, (e.award_emoji ?? []).filter((a: Json) => a.name === "thumbsup").length])),
        );
        // Authors are the source's user 1 (root, a member of every group), mapped to its placeholder.
        const root = await mappedName(sourceMember(1));
        for (const epic of epics) expect(shown(epic.author.username), `author of &${epic.iid}`).toBe(root);
        for (const sourceEpic of sourceEpics) {
          const notes = await get(getEpicNotes, `epics/${sourceEpic.iid}/notes?per_page=100&sort=asc`, { epic_iid: String(sourceEpic.iid) });
          expect(sorted(notes.map((n) => [n.body, n.system, shown(n.author.username)]))).toEqual(
            sorted((sourceEpic.notes ?? []).map((n: Json) => [n.note, n.system, root])),
          );
        }

        // Members: a source member whose role a parent group already gives is not
        // repeated (GitLab's rule), so in subgroups root (Owner of the top group) has no direct membership.
        const members = await get(getMembers, "members?per_page=100");
        const expected = await Promise.all(
          fixture(groupId, "members")
            .filter((m) => groupId === ROOT || (rootMembers.get(m.user.id) ?? 0) < m.access_level)
            .map(async (m) => [await mappedName(m.user), m.access_level]),
        );
        // The importing user made every group, so is its direct Owner, as on GitLab.
        expect(sorted(members.map((m) => [shown(m.username), m.access_level]))).toEqual(sorted([...expected, [user.username, 50]]));
      }

      // Ids past PostgreSQL's integer range name nothing: a 404, not a database error.
      const root = destinationOf(source, imported.byPath, ROOT, ROOT);
      const huge = "99999999999";
      expect((await call(getEpic, "/x", { token, params: { id: String(root.id), epic_iid: huge } })).status).toBe(404);
      expect((await call(getBoard, "/x", { token, params: { id: String(root.id), board_id: huge } })).status).toBe(404);
    } finally {
      await source.close();
    }
  }, 120_000);
});

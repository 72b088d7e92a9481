import { beforeAll, describe, expect, it } from "vitest";
import { ACCESS_LEVELS, epics, getDb, groupMembers, issues, labels, mergeRequests, milestones, projectMembers } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { createProject } from "@/lib/projects";
import type { Viewer } from "@/lib/viewer";
import { makeUser, unique } from "@/test/helpers/factories";
import { resolveReferences } from "./resolve";

/**
 * root (private) with app (#1 Open, #2 Secret: confidential, !3, label ~bug of the project, ~"two words" of root,
 * milestones %v1 (app, iid 1) and %"Root plan" (root, iid 4), epics &5 and confidential &6 of root; root/sub with lib
 * (#7); other (private, the owner's only) with hidden (#1). Viewers: the owner (admin of nothing), a guest of root
 * (no confidential issues), a reporter of app, and a stranger.
 */
let paths: { root: string; app: string; lib: string; hidden: string };
let viewers: { owner: Viewer; guest: Viewer; reporter: Viewer; stranger: Viewer };
let usernames: { owner: string };

beforeAll(async () => {
  const db = getDb();
  const [owner, guest, reporter, stranger] = await Promise.all([makeUser(), makeUser(), makeUser(), makeUser()]);
  const root = await createGroup(owner, { name: "Refs", path: unique("refs") });
  const sub = await createGroup(owner, { name: "Sub", path: "sub", parentId: root.id });
  const other = await createGroup(owner, { name: "Other", path: unique("other") });
  const app = await createProject(owner, { name: "App", namespaceId: root.id });
  const lib = await createProject(owner, { name: "Lib", namespaceId: sub.id });
  const hidden = await createProject(owner, { name: "Hidden", namespaceId: other.id });
  await db.insert(groupMembers).values({ groupId: root.id, userId: guest.id, accessLevel: ACCESS_LEVELS.guest });
  await db.insert(projectMembers).values({ projectId: app.id, userId: reporter.id, accessLevel: ACCESS_LEVELS.reporter });
  await db.insert(issues).values([
    { projectId: app.id, iid: 1, title: "Open", authorId: owner.id },
    { projectId: app.id, iid: 2, title: "Secret", confidential: true, authorId: owner.id },
    { projectId: lib.id, iid: 7, title: "Lib issue", authorId: owner.id },
    { projectId: hidden.id, iid: 1, title: "Hidden issue", authorId: owner.id },
  ]);
  await db.insert(mergeRequests).values({ projectId: app.id, iid: 3, title: "Fix", sourceBranch: "fix", targetBranch: "main" });
  await db.insert(labels).values([
    { projectId: app.id, title: "bug", color: "#ff0000" },
    { groupId: root.id, title: "two words", color: "#00ff00" },
  ]);
  await db.insert(milestones).values([
    { projectId: app.id, iid: 1, title: "v1" },
    { groupId: root.id, iid: 4, title: "Root plan" },
  ]);
  await db.insert(epics).values([
    { groupId: root.id, iid: 5, title: "Big epic", authorId: owner.id },
    { groupId: root.id, iid: 6, title: "Secret epic", confidential: true, authorId: owner.id },
  ]);
  paths = { root: root.fullPath, app: app.fullPath, lib: lib.fullPath, hidden: hidden.fullPath };
  const as = (u: { id: number }): Viewer => ({ id: u.id, isAdmin: false });
  viewers = { owner: as(owner), guest: as(guest), reporter: as(reporter), stranger: as(stranger) };
  usernames = { owner: owner.username };
});

const hrefs = (resolved: Record<string, { href: string }>) => Object.fromEntries(Object.entries(resolved).map(([key, value]) => [key, value.href]));

describe("resolveReferences", () => {
  it("links what exists in a project's text, each form to its page", async () => {
    const text = `#1 !3 ~bug ~"two words" %v1 %"Root plan" %4 &5 @${usernames.owner.toUpperCase()} ${paths.lib}#7 #99 !99 ~nope %nope &99 @${unique("nobody")}`;
    const resolved = await resolveReferences(viewers.owner, { project: paths.app }, [text]);
    expect(hrefs(resolved)).toEqual({
      "issue::id:1": `/${paths.app}/-/issues/1`,
      "merge_request::id:3": `/${paths.app}/-/merge_requests/3`,
      "label::name:bug": `/${paths.app}/-/issues?label_name[]=bug`,
      "label::name:two words": `/${paths.app}/-/issues?label_name[]=two%20words`,
      "milestone::name:v1": `/${paths.app}/-/milestones/1`,
      "milestone::name:Root plan": `/groups/${paths.root}/-/milestones/4`,
      "milestone::id:4": `/groups/${paths.root}/-/milestones/4`,
      "epic::id:5": `/groups/${paths.root}/-/epics/5`,
      [`user::name:${usernames.owner.toLowerCase()}`]: `/${usernames.owner}`,
      [`issue:${paths.lib.toLowerCase()}:id:7`]: `/${paths.lib}/-/issues/7`,
    });
    expect(resolved["issue::id:1"]!.title).toBe("Open");
  });

  it("leaves out confidential issues and epics the viewer may not read; a reporter, the author and an admin read them", async () => {
    const text = "#1 #2 &5 &6";
    const keys = async (viewer: Viewer) => Object.keys(await resolveReferences(viewer, { project: paths.app }, [text])).sort();
    expect(await keys(viewers.guest)).toEqual(["epic::id:5", "issue::id:1"]);
    expect(await keys(viewers.reporter)).toEqual(["issue::id:1", "issue::id:2"]);
    expect(await keys(viewers.owner)).toEqual(["epic::id:5", "epic::id:6", "issue::id:1", "issue::id:2"]);
    expect(await keys({ id: 0, isAdmin: true })).toEqual(["epic::id:5", "epic::id:6", "issue::id:1", "issue::id:2"]);
  });

  it("links into other projects only when the viewer may see them", async () => {
    const text = `${paths.hidden}#1 ${paths.lib}#7`;
    expect(Object.keys(await resolveReferences(viewers.owner, { project: paths.app }, [text])).length).toBe(2);
    expect(Object.keys(await resolveReferences(viewers.guest, { project: paths.app }, [text]))).toEqual([`issue:${paths.lib.toLowerCase()}:id:7`]);
    expect(await resolveReferences(viewers.stranger, { project: paths.app }, [text])).toEqual({});
  });

  it("resolves a group's text against the group: epics, labels and milestones; #N names nothing there", async () => {
    const resolved = await resolveReferences(viewers.owner, { group: paths.root }, [`&5 ~"two words" %4 #1 ${paths.app}#1`]);
    expect(hrefs(resolved)).toEqual({
      "epic::id:5": `/groups/${paths.root}/-/epics/5`,
      "label::name:two words": `/groups/${paths.root}/-/epics?label_name=two%20words`,
      "milestone::id:4": `/groups/${paths.root}/-/milestones/4`,
      [`issue:${paths.app.toLowerCase()}:id:1`]: `/${paths.app}/-/issues/1`,
    });
  });

  it("ignores references in code, and texts without any", async () => {
    expect(await resolveReferences(viewers.owner, { project: paths.app }, ["`#1` and\n\n```\n!3\n```", null, "", "nothing here"])).toEqual({});
  });
});

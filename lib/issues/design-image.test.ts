import fs from "node:fs";
import { text } from "node:stream/consumers";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { ACCESS_LEVELS, getDb, issues, projectMembers } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { createProject, findProject, type ProjectWithAccess } from "@/lib/projects";
import type { PublicUser } from "@/lib/users";
import { designedIssue, storeLfsObject } from "@/test/helpers/design-repository";
import { makeUser, unique } from "@/test/helpers/factories";
import { temporaryDirectory } from "@/test/helpers/git-client";
import { designsWithImages, listIssueDesigns, openDesignImage, projectIssueScope, type DesignImage } from "./index";

const scratch = temporaryDirectory("ferry-design-image-");
const run = unique("design");
// Each run's own bytes: the object store is shared by every test (and every run before).
const png = (name: string, size = 3000) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), Buffer.alloc(size, `${run} ${name} `)]);
const HOME_V1 = png("home v1");
const HOME_V2 = png("home v2", 5000);
const FLOW = png("flow");
const FOREIGN = png("another project's");
const MISSING = png("never uploaded");
// A design committed as the file itself (no LFS), larger than any pointer.
const INLINE = png("inline", 4096);
const SVG = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg"><!-- ${run} --></svg>\n`);

let owner: PublicUser;
let project: ProjectWithAccess;
let other: ProjectWithAccess;
let designed: Awaited<ReturnType<typeof designedIssue>>;

beforeAll(async () => {
  owner = await makeUser();
  const group = await createGroup(owner, { name: "Designs", path: unique("designs"), visibility: "private" });
  project = await createProject(owner, { name: "App", path: "app", namespaceId: group.id, visibility: "private" });
  other = await createProject(owner, { name: "Other", path: "other", namespaceId: group.id, visibility: "private" });
  for (const data of [HOME_V1, HOME_V2, FLOW]) await storeLfsObject(data, project.id);
  await storeLfsObject(FOREIGN, other.id);
  // Version 1 adds four designs, version 2 changes the home screen and adds two, version 3 deletes the flow.
  designed = await designedIssue(scratch, project.id, 7, [
    { "home.png": { lfs: HOME_V1 }, "flow.png": { lfs: FLOW }, "inline.png": { raw: INLINE }, "plan.svg": { raw: SVG } },
    { "home.png": { lfs: HOME_V2 }, "foreign.png": { lfs: FOREIGN }, "missing.png": { lfs: MISSING } },
    { "flow.png": null },
  ]);
});

const bytes = async (image: DesignImage | null) => {
  expect(image).not.toBeNull();
  const chunks: Buffer[] = [];
  for await (const chunk of image!.stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};
const open = (designId: number, sha?: string, at: ProjectWithAccess = project) => openDesignImage(projectIssueScope(owner, at), designId, { sha });

describe("a design's image from the design repository and its LFS object", () => {
  it("reads the latest version that touched the design, and any version by its commit", async () => {
    const { ids, shas } = designed;
    const latest = await open(ids["home.png"]!);
    expect([latest?.filename, latest?.sha, latest?.size, latest?.binary]).toEqual(["home.png", shas[1], HOME_V2.length, true]);
    expect((await bytes(latest)).equals(HOME_V2)).toBe(true);
    expect((await bytes(await open(ids["home.png"]!, shas[0]))).equals(HOME_V1)).toBe(true);
    expect((await bytes(await open(ids["home.png"]!, shas[1]!.toUpperCase()))).equals(HOME_V2)).toBe(true);
    // A file committed as it is streams as it is, whatever its size.
    expect((await bytes(await open(ids["inline.png"]!))).equals(INLINE)).toBe(true);
    expect(await text((await open(ids["plan.svg"]!))!.stream)).toBe(SVG.toString());
  });

  it("has nothing for a deleted design, a version that did not touch it, or a malformed one", async () => {
    const { ids, shas } = designed;
    expect(await open(ids["flow.png"]!)).toBeNull();
    expect(await open(ids["flow.png"]!, shas[2])).toBeNull();
    // Before its deletion, the flow is still there.
    expect((await bytes(await open(ids["flow.png"]!, shas[0]))).equals(FLOW)).toBe(true);
    expect(await open(ids["home.png"]!, shas[2])).toBeNull();
    expect(await open(ids["home.png"]!, "f".repeat(40))).toBeNull();
    expect(await open(ids["home.png"]!, "HEAD")).toBeNull();
    expect(await open(ids["home.png"]!, `--output=${scratch}/x`)).toBeNull();
  });

  it("follows a pointer only to an object linked to the project, and only when the object is stored", async () => {
    expect(await open(designed.ids["foreign.png"]!)).toBeNull();
    expect(await open(designed.ids["missing.png"]!)).toBeNull();
  });

  it("has nothing for another project's design, an unknown id, or a project without a design repository", async () => {
    expect(await open(designed.ids["home.png"]!, undefined, other)).toBeNull();
    expect(await open(2_147_483_647)).toBeNull();
    expect(await open(0)).toBeNull();
    // Rows without the repository: an import whose design bundle never came.
    const bare = await createProject(owner, { name: "Bare", path: unique("bare"), namespaceId: project.namespaceId, visibility: "private" });
    await storeLfsObject(HOME_V1, bare.id);
    const orphan = await designedIssue(scratch, bare.id, 1, [{ "home.png": { lfs: HOME_V1 } }]);
    fs.rmSync(orphan.repo, { recursive: true, force: true });
    expect(await open(orphan.ids["home.png"]!, undefined, bare)).toBeNull();
  });

  it("keeps a confidential issue's images from a Guest, as its other contents (GitLab's read_design is read_issue)", async () => {
    const [guest, reporter] = [await makeUser(), await makeUser()];
    await getDb()
      .insert(projectMembers)
      .values([
        { projectId: project.id, userId: guest.id, accessLevel: ACCESS_LEVELS.guest },
        { projectId: project.id, userId: reporter.id, accessLevel: ACCESS_LEVELS.reporter },
      ]);
    await storeLfsObject(HOME_V1, project.id);
    const secret = await designedIssue(scratch, project.id, 8, [{ "secret.png": { lfs: HOME_V1 } }]);
    const asGuest = (await findProject(guest, project.id))!;
    expect((await bytes(await openDesignImage(projectIssueScope(guest, asGuest), secret.ids["secret.png"]!))).equals(HOME_V1)).toBe(true);
    await getDb().update(issues).set({ confidential: true }).where(eq(issues.id, secret.issue.id));
    expect(await openDesignImage(projectIssueScope(guest, asGuest), secret.ids["secret.png"]!)).toBeNull();
    const asReporter = (await findProject(reporter, project.id))!;
    expect((await bytes(await openDesignImage(projectIssueScope(reporter, asReporter), secret.ids["secret.png"]!))).equals(HOME_V1)).toBe(true);
  });

  it("tells the issue page which designs have an image to show: raster, not deleted, file and object here", async () => {
    const listed = await listIssueDesigns(designed.issue.id);
    expect(listed.map((design) => [design.filename, design.latestSha])).toEqual([
      ["home.png", designed.shas[1]],
      ["flow.png", designed.shas[2]],
      ["inline.png", designed.shas[0]],
      ["plan.svg", designed.shas[0]],
      ["foreign.png", designed.shas[1]],
      ["missing.png", designed.shas[1]],
    ]);
    const shown = await designsWithImages(project.id, designed.issue.iid, listed);
    expect([...shown].sort()).toEqual([designed.ids["home.png"], designed.ids["inline.png"]].sort());
  });
});

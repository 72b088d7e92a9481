import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createGroup } from "@/lib/groups";
import { createProject, type ProjectWithAccess } from "@/lib/projects";
import { repositoryPath } from "@/lib/repositories";
import type { PublicUser } from "@/lib/users";
import { makeUser, unique } from "@/test/helpers/factories";
import { git } from "@/test/helpers/git-client";

// The seam: a real session needs Next's request context; the action only asks currentUser() who is signed in.
const session = vi.hoisted(() => ({ user: null as PublicUser | null }));
vi.mock("@/lib/auth", () => ({ currentUser: async () => session.user }));

const { searchRefs } = await import("./ref-search");

let owner: PublicUser;
let stranger: PublicUser;
let project: ProjectWithAccess;

beforeAll(async () => {
  [owner, stranger] = await Promise.all([makeUser(), makeUser()]);
  const group = await createGroup(owner, { name: "Refs", path: unique("refs"), visibility: "private" });
  project = await createProject(owner, { name: "Refs", path: "refs-project", namespaceId: group.id, visibility: "private", initializeWithReadme: true });
  const repo = repositoryPath(project.id, "project");
  for (const name of ["release/1.x", "feature/search"]) await git(repo, ["branch", name, "main"]);
  await git(repo, ["tag", "v1.0", "main"]);
});

beforeEach(() => {
  session.user = owner;
});

describe("searchRefs", () => {
  it("finds branch and tag names of a project whose code the user may read", async () => {
    expect(await searchRefs(project.fullPath, "")).toEqual({ branches: ["main", "feature/search", "release/1.x"], tags: ["v1.0"], branchTotal: 3, tagTotal: 1 });
    expect(await searchRefs(project.fullPath, "REL")).toEqual({ branches: ["release/1.x"], tags: [], branchTotal: 1, tagTotal: 0 });
    expect(await searchRefs(project.fullPath, "^v")).toMatchObject({ branches: [], tags: ["v1.0"] });
  });

  it("answers nothing to anyone else, and to input that cannot be a search", async () => {
    const none = { branches: [], tags: [], branchTotal: 0, tagTotal: 0 };
    session.user = stranger;
    expect(await searchRefs(project.fullPath, "")).toEqual(none);
    session.user = null;
    expect(await searchRefs(project.fullPath, "")).toEqual(none);
    session.user = owner;
    expect(await searchRefs("nope/nope", "")).toEqual(none);
    expect(await searchRefs(project.fullPath, "x".repeat(300))).toEqual(none);
    expect(await searchRefs(42 as unknown as string, "")).toEqual(none);
  });
});

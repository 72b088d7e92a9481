import { describe, expect, it } from "vitest";
import { ACCESS_LEVELS, getDb, groupMembers } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { findProject } from "@/lib/projects";
import { isEmptyRepository, repositoryPath } from "@/lib/repositories";
import { makeUser, unique } from "@/test/helpers/factories";
import { creatableNamespaces, createProjectFromForm } from "./create-request";

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.append(key, value);
  return data;
};

describe("the New project form", () => {
  it("creates the project with a README commit when asked, and without one when not", async () => {
    const owner = await makeUser();
    const group = await createGroup(owner, { name: unique("G"), path: unique("g"), visibility: "internal" });
    const made = await createProjectFromForm(owner, form({ name: "My App", path: "my-app", namespace_id: String(group.id), visibility: "internal", description: "Hi", initialize_with_readme: "on" }));
    expect(made).toEqual({ fullPath: `${group.fullPath}/my-app` });
    const project = (await findProject(owner, `${group.fullPath}/my-app`))!;
    expect(project).toMatchObject({ name: "My App", visibility: "internal", description: "Hi" });
    expect(await isEmptyRepository(repositoryPath(project.id, "project"))).toBe(false);

    const bare = await createProjectFromForm(owner, form({ name: "Bare", path: "bare", namespace_id: String(group.id), visibility: "private", description: "" }));
    const empty = (await findProject(owner, (bare as { fullPath: string }).fullPath))!;
    expect(await isEmptyRepository(repositoryPath(empty.id, "project"))).toBe(true);
  });

  it("says what is wrong beside each field and gives the values back", async () => {
    const owner = await makeUser();
    const group = await createGroup(owner, { name: unique("G"), path: unique("g"), visibility: "private" });
    const base = { name: "Taken", namespace_id: String(group.id), visibility: "private", description: "" };
    await createProjectFromForm(owner, form({ ...base, path: "taken" }));
    expect(await createProjectFromForm(owner, form({ ...base, name: "Other", path: "taken" }))).toEqual({
      state: { fieldErrors: { path: "Path has already been taken" }, values: { ...base, name: "Other", path: "taken" } },
    });
    expect(await createProjectFromForm(owner, form({ ...base, name: "Edit", path: "edit" }))).toMatchObject({ state: { fieldErrors: { path: "Path edit is a reserved name" } } });
    expect(await createProjectFromForm(owner, form({ ...base, name: "Bad", path: "-bad-" }))).toMatchObject({ state: { fieldErrors: { path: expect.stringMatching(/^Path must not start or end with a special character/) } } });
    expect(await createProjectFromForm(owner, form({ ...base, name: "Open", path: "open", visibility: "public" }))).toMatchObject({
      state: { fieldErrors: { visibility: "Visibility level public is not allowed in a private group." } },
    });
    expect(await createProjectFromForm(owner, form({ ...base, name: "(nope)", path: "nope" }))).toMatchObject({ state: { fieldErrors: { name: expect.stringMatching(/^Name can contain only/) } } });
    expect(await createProjectFromForm(owner, form({ ...base, path: "x", namespace_id: "" }))).toMatchObject({ state: { fieldErrors: { namespace_id: "Choose a group for the project." } } });
    expect(await createProjectFromForm(owner, form({ ...base, path: "x", visibility: "secret" }))).toMatchObject({ state: { fieldErrors: { visibility: "Choose a visibility level." } } });
    // A group the user may not create in reads as one that is not there.
    const stranger = await makeUser();
    expect(await createProjectFromForm(stranger, form({ ...base, name: "Mine", path: "mine" }))).toMatchObject({ state: { fieldErrors: { namespace_id: "Namespace is not valid" } } });
  });

  it("offers the groups where the user may create projects: Developer and up by default, as the group's setting says", async () => {
    const owner = await makeUser();
    const [open, strict, other] = await Promise.all([
      createGroup(owner, { name: unique("Open"), path: unique("open") }),
      createGroup(owner, { name: unique("Strict"), path: unique("strict") }, { settings: { project_creation_level: "maintainer" } }),
      createGroup(owner, { name: unique("Other"), path: unique("other") }),
    ]);
    const developer = await makeUser();
    await getDb()
      .insert(groupMembers)
      .values([
        { groupId: open.id, userId: developer.id, accessLevel: ACCESS_LEVELS.developer },
        { groupId: strict.id, userId: developer.id, accessLevel: ACCESS_LEVELS.developer },
        { groupId: other.id, userId: developer.id, accessLevel: ACCESS_LEVELS.reporter },
      ]);
    expect((await creatableNamespaces(developer)).map((g) => g.id)).toEqual([open.id]);
    expect((await creatableNamespaces(owner)).map((g) => g.id).sort()).toEqual([open.id, strict.id, other.id].sort());
  });
});

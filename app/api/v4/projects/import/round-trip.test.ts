import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bulkImports, getDb, projects } from "@/lib/db";
import { createGroup } from "@/lib/groups";
import { STATUS } from "@/lib/migration";
import { importRequest, projectFixtureMembers, tarGzOf } from "@/lib/migration/file-import/test-archives";
import { repositoryPath } from "@/lib/repositories";
import { tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { git, temporaryDirectory } from "@/test/helpers/git-client";
import { waitForImports } from "@/test/helpers/imports";
import { makeSourceRepository } from "@/test/helpers/source-repository";
import { comparable } from "@/test/exchange/compare";
import { exportGroupOverHttp } from "@/test/exchange/export-client";
import { runFerryExchange } from "@/test/exchange/ferry-exchange";
import { POST } from "./route";

const { ferry } = runFerryExchange("pgboss_project_import_round_trip_test");
const scratch = temporaryDirectory("ferry-project-round-trip-");

/**
 * python-gitlab's documented export and import (docs/gl_objects/projects.rst, "Import / Export"): the project exported
 * and downloaded, then `gl.projects.import_project` and `imports.get()` refreshed until the import has ended.
 */
const PYTHON = `
import json, sys, time
import gitlab
gl = gitlab.Gitlab(sys.argv[1], private_token=sys.argv[2])
project = gl.projects.get(int(sys.argv[3]))
export = project.exports.create()
export.refresh()
while export.export_status != "finished":
    time.sleep(0.2)
    export.refresh()
with open(sys.argv[4], "wb") as f:
    export.download(streamed=True, action=f.write)
with open(sys.argv[4], "rb") as f:
    output = gl.projects.import_project(f, path=sys.argv[5], name=sys.argv[6], namespace=sys.argv[7])
seen = [output["import_status"]]
project_import = gl.projects.get(output["id"], lazy=True).imports.get()
while project_import.import_status not in ("finished", "failed"):
    time.sleep(0.2)
    project_import.refresh()
seen.append(project_import.import_status)
print(json.dumps({"id": output["id"], "seen": seen, "error": project_import.import_error, "failed": project_import.failed_relations}))
`;

const refsOf = (repo: string) => git(scratch, ["--git-dir", repo, "for-each-ref", "--format=%(objectname) %(refname)"]);

describe("a project exported by file and imported back, by python-gitlab unchanged", () => {
  it("comes back relation by relation and ref by ref the same", async () => {
    const user = await makeUser();
    const token = await tokenFor(user.id);
    const group = await createGroup(user, { name: "Round trip", path: unique("trip") });
    // The original: GitLab's complex project with a repository, moved in by file.
    const repo = await makeSourceRepository(scratch, { commits: 3, branches: 2, tags: 2, mergeRequestRefs: 1 });
    const bundle = path.join(scratch, "original.bundle");
    await git(scratch, ["--git-dir", repo, "bundle", "create", "--quiet", bundle, "--all"]);
    const archive = await tarGzOf(projectFixtureMembers("complex", [{ header: { name: "./project.bundle" }, data: fs.readFileSync(bundle) }]));
    const created = await POST(importRequest({ path: unique("original"), name: "Original", namespace: group.fullPath }, archive, token, "projects/import"), { params: Promise.resolve({}) });
    expect(created.status).toBe(201);
    const original = (await created.json()) as { id: number };
    const [first] = await getDb().select().from(bulkImports).where(eq(bulkImports.userId, user.id)).orderBy(desc(bulkImports.id)).limit(1);
    expect((await waitForImports([first!.id]))[0]).toMatchObject({ status: STATUS.finished, hasFailures: false });

    const copyPath = unique("copy");
    const file = path.join(scratch, "export.tar.gz");
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = execFile("/usr/bin/python3", ["-c", PYTHON, ferry().url, token, String(original.id), file, copyPath, "Copy", group.fullPath], { encoding: "utf8", timeout: 120_000 }, (_error, stdout, stderr) =>
        resolve({ code: child.exitCode, stdout, stderr }),
      );
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { id: number; seen: string[]; error: string | null; failed: unknown[] };
    expect(result).toMatchObject({ seen: ["scheduled", "finished"], error: null, failed: [] });
    const [copy] = await getDb().select().from(projects).where(eq(projects.id, result.id));
    expect(copy).toMatchObject({ name: "Copy", path: copyPath, namespaceId: group.id });

    expect(await refsOf(repositoryPath(copy!.id, "project"))).toBe(await refsOf(repositoryPath(original.id, "project")));
    const [a, b] = await Promise.all([exportGroupOverHttp(ferry().url, token, original.id, { kind: "project" }), exportGroupOverHttp(ferry().url, token, copy!.id, { kind: "project" })]);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    const compared: string[] = [];
    for (const [relation, exported] of a) {
      if (relation === "self" || (exported.records.length === 0 && b.get(relation)!.records.length === 0)) continue;
      expect(comparable(b.get(relation)!), relation).toEqual(comparable(exported));
      compared.push(relation);
    }
    // The fixture's relations came through with records to compare, not as two empty exports.
    expect(compared).toEqual(expect.arrayContaining(["issues", "merge_requests", "labels", "milestones", "ci_pipelines", "releases", "snippets", "repository"]));
  }, 240_000);
});

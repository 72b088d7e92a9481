import { execFile, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { Gitlab } from "@gitbeaker/rest";
import { describe, expect, it } from "vitest";
import { desc, eq } from "drizzle-orm";
import { bulkImports, getDb, labels } from "@/lib/db";
import { findFileExport } from "@/lib/exchange";
import { createGroup } from "@/lib/groups";
import { STATUS } from "@/lib/migration";
import { createProject } from "@/lib/projects";
import { tokenFor } from "@/test/helpers/api";
import { makeUser, unique } from "@/test/helpers/factories";
import { temporaryDirectory } from "@/test/helpers/git-client";
import { waitForImports } from "@/test/helpers/imports";
import { runFerryExchange } from "@/test/exchange/ferry-exchange";

// Ferry's API over HTTP, and a worker to run the exports the clients schedule.
const { ferry: server } = runFerryExchange("pgboss_project_export_clients_test");
const scratch = temporaryDirectory("ferry-export-clients-");

async function exportedProject(name: string) {
  const user = await makeUser();
  const group = await createGroup(user, { name: "Clients", path: unique("clients") });
  const project = await createProject(user, { name, namespaceId: group.id, description: "As it is", initializeWithReadme: true });
  await getDb().insert(labels).values({ projectId: project.id, title: `${name} label` });
  return { project, userId: user.id, token: await tokenFor(user.id) };
}

/** python-gitlab's documented export script (docs/gl_objects/projects.rst, "Import / Export"), unchanged. */
const PYTHON = `
import json, sys, time
import gitlab
gl = gitlab.Gitlab(sys.argv[1], private_token=sys.argv[2])
project = gl.projects.get(int(sys.argv[3]))
export = project.exports.create({"description": "Exported by python-gitlab"})
seen = [export.export_status if hasattr(export, "export_status") else None]
export.refresh()
while export.export_status != "finished":
    seen.append(export.export_status)
    time.sleep(0.2)
    export.refresh()
with open(sys.argv[4], "wb") as f:
    export.download(streamed=True, action=f.write)
print(json.dumps({"status": export.export_status, "links": export._links, "path": export.path_with_namespace}))
`;

describe("GitLab's clients, unchanged, exporting a project by file from Ferry and importing it again", () => {
  it("python-gitlab: project.exports.create(), .refresh() until finished, .download()", async () => {
    const { project, token } = await exportedProject("Python");
    const file = path.join(scratch, "python.tar.gz");
    // Asynchronously: the API server answering the script runs in this process.
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = execFile("/usr/bin/python3", ["-c", PYTHON, server().url, token, String(project.id), file], { encoding: "utf8", timeout: 60_000 }, (_error, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }));
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { status: string; links: Record<string, string>; path: string };
    expect(result).toEqual({
      status: "finished",
      links: { api_url: `${server().url}/api/v4/projects/${project.id}/export/download`, web_url: `${server().url}/${project.fullPath}/-/download_export` },
      path: project.fullPath,
    });
    const tar = (args: string[]) => spawnSync("tar", [...args, file], { encoding: "utf8" });
    expect(tar(["-tzf"]).stdout.split("\n")).toEqual(expect.arrayContaining(["./VERSION", "./tree/project.json", "./tree/project/labels.ndjson", "./project.bundle", "./lfs-objects.json"]));
    const attributes = JSON.parse(spawnSync("tar", ["-xzOf", file, "./tree/project.json"], { encoding: "utf8" }).stdout) as Record<string, unknown>;
    expect(attributes).toMatchObject({ id: project.id, name: "Python", description: "Exported by python-gitlab" });
    expect(fs.statSync(file).size).toBeGreaterThan(0);
  }, 90_000);

  it("@gitbeaker/rest: ProjectImportExports.scheduleExport, showExportStatus, download, then import and showImportStatus", async () => {
    const { project, token, userId } = await exportedProject("Beaker");
    const api = new Gitlab({ host: server().url, token });
    expect(await api.ProjectImportExports.scheduleExport(project.id, undefined as never, { description: "Exported by gitbeaker" })).toEqual({ message: "202 Accepted" });
    const first = (await api.ProjectImportExports.showExportStatus(project.id)) as unknown as Record<string, unknown>;
    expect(["queued", "started", "finished"]).toContain(first.export_status);
    // gitbeaker throttles itself to GitLab's default limits (a few status calls a minute): wait for the worker here, then
    // ask once, as a script that sleeps between calls does.
    for (let i = 0; i < 300 && (await findFileExport({ kind: "project", id: project.id }, userId))?.status !== "finished"; i++) await new Promise((r) => setTimeout(r, 100));
    const status = (await api.ProjectImportExports.showExportStatus(project.id)) as unknown as Record<string, unknown>;
    expect(status).toMatchObject({ id: project.id, name: "Beaker", path_with_namespace: project.fullPath, export_status: "finished" });
    const archive = (await api.ProjectImportExports.download(project.id)) as Blob;
    const bytes = gunzipSync(Buffer.from(await archive.arrayBuffer())).toString("utf8");
    expect(bytes).toContain("./tree/project.json");
    expect(bytes).toContain('"description":"Exported by gitbeaker"');
    expect(bytes).toContain('"title":"Beaker label"');
    await expect(api.ProjectImportExports.showExportStatus(2_147_483_000)).rejects.toThrow();

    // And back in: ProjectImportExports.import of that archive into another group, then showImportStatus.
    const user = { id: userId, isAdmin: false };
    const target = await createGroup(user, { name: "Beaker copies", path: unique("beaker-copies") });
    const scheduled = (await api.ProjectImportExports.import({ content: archive, filename: "beaker_export.tar.gz" }, "beaker-copy", { namespace: target.fullPath, name: "Beaker copy" })) as unknown as Record<string, unknown>;
    expect(scheduled).toMatchObject({ path: "beaker-copy", name: "Beaker copy", path_with_namespace: `${target.fullPath}/beaker-copy`, import_status: "scheduled" });
    const copyId = scheduled.id as number;
    const [imported] = await waitForImports([(await getDb().select({ id: bulkImports.id }).from(bulkImports).where(eq(bulkImports.userId, userId)).orderBy(desc(bulkImports.id)).limit(1))[0]!.id]);
    expect(imported!.status).toBe(STATUS.finished);
    expect(await api.ProjectImportExports.showImportStatus(copyId)).toMatchObject({ id: copyId, import_status: "finished", failed_relations: [] });
    expect((await getDb().select({ title: labels.title }).from(labels).where(eq(labels.projectId, copyId))).map((l) => l.title)).toEqual(["Beaker label"]);
  }, 90_000);
});

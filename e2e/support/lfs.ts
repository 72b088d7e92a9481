import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { insert, withDatabase } from "./database";

export const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

/** The pointer git-lfs commits in place of `data`. */
export const lfsPointer = (data: Buffer) => `version https://git-lfs.github.com/spec/v1\noid sha256:${sha256(data)}\nsize ${data.length}\n`;

/**
 * An object as an import or a git-lfs push leaves it: its file in the data directory (GitLab's layout), its rows,
 * linked to the project for `repositoryType` (null: untyped, as GitLab allows).
 */
export async function storeLfsObject(projectId: number, data: Buffer, repositoryType: "project" | "wiki" | "design" | null = null) {
  const oid = sha256(data);
  const file = path.resolve(process.env.E2E_DATA_DIR!, "lfs-objects", oid.slice(0, 2), oid.slice(2, 4), oid.slice(4));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, data);
  await withDatabase(async (client) => {
    const id = await insert(client, "lfs_objects", { oid, size: data.length });
    await insert(client, "lfs_objects_projects", { lfs_object_id: id, project_id: projectId, repository_type: repositoryType });
  });
}

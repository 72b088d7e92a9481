import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const FIXTURES_ROOT = fileURLToPath(new URL("../fixtures/gitlab/", import.meta.url));
export const IMPORT_EXPORT = path.join(FIXTURES_ROOT, "gitlabhq/spec/fixtures/lib/gitlab/import_export");
export const GROUP_EXPORTS = path.join(IMPORT_EXPORT, "group_exports");

/** One group of an export tree: `<id>.json` and the `<id>/<relation>.ndjson` files beside it. */
export interface TreeGroup {
  id: number;
  attributes: Record<string, unknown>;
  relationFiles: Map<string, string>;
}

export function treeFolder(fixture: string): string {
  return path.isAbsolute(fixture) ? fixture : path.join(GROUP_EXPORTS, fixture, "tree", "groups");
}

/** An NDJSON file's records, one a line. */
export function ndjsonRecords<T = Record<string, unknown>>(file: string): T[] {
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as T);
}

/** One relation's records for one group of an export tree (GitLab's `complex` unless named): what the source serves. */
export function treeRecords<T = Record<string, unknown>>(groupId: number, relation: string, fixture = "complex"): T[] {
  return ndjsonRecords<T>(path.join(treeFolder(fixture), String(groupId), `${relation}.ndjson`));
}

/** Reads a group export tree (GitLab's NDJSON tree format), parents before children. */
export function readTree(fixture: string): TreeGroup[] {
  const folder = treeFolder(fixture);
  if (!fs.existsSync(folder)) throw new Error(`No group export tree at ${folder}`);
  const ids = fs
    .readdirSync(folder)
    .filter((name) => /^\d+\.json$/.test(name))
    .map((name) => Number(name.slice(0, -".json".length)));
  // _all.ndjson holds bare ids in export order; without it, the numeric order puts parents first in GitLab's fixtures.
  const allFile = path.join(folder, "_all.ndjson");
  const order = fs.existsSync(allFile)
    ? fs.readFileSync(allFile, "utf8").split("\n").filter(Boolean).map(Number)
    : [...ids].sort((a, b) => a - b);
  for (const id of ids) if (!order.includes(id)) order.push(id);

  const groups = order.filter((id) => ids.includes(id)).map((id): TreeGroup => {
    const attributes = JSON.parse(fs.readFileSync(path.join(folder, `${id}.json`), "utf8")) as Record<string, unknown>;
    const relationFiles = new Map<string, string>();
    const relationsFolder = path.join(folder, String(id));
    if (fs.existsSync(relationsFolder)) {
      for (const name of fs.readdirSync(relationsFolder).sort()) {
        if (name.endsWith(".ndjson")) relationFiles.set(name.slice(0, -".ndjson".length), path.join(relationsFolder, name));
      }
    }
    return { id, attributes: { ...attributes, id }, relationFiles };
  });
  return parentsFirst(groups);
}

function parentsFirst(groups: TreeGroup[]): TreeGroup[] {
  const byId = new Map(groups.map((group) => [group.id, group]));
  const done = new Set<number>();
  const sorted: TreeGroup[] = [];
  const visit = (group: TreeGroup) => {
    if (done.has(group.id)) return;
    done.add(group.id);
    const parent = byId.get(Number(group.attributes.parent_id));
    if (parent) visit(parent);
    sorted.push(group);
  };
  groups.forEach(visit);
  return sorted;
}

/** A project export tree: `project.json` (the project's attributes) and `project/<relation>.ndjson` beside it. */
export interface ProjectTree {
  attributes: Record<string, unknown>;
  relationFiles: Map<string, string>;
}

/** The `tree` folder of a project export fixture (`complex`), or an absolute path to one. */
export function projectTreeFolder(fixture: string): string {
  return path.isAbsolute(fixture) ? fixture : path.join(IMPORT_EXPORT, fixture, "tree");
}

/** One relation's file of a project export tree (GitLab's `complex` unless named). */
export function projectTreeFile(relation: string, fixture = "complex"): string {
  return path.join(projectTreeFolder(fixture), "project", `${relation}.ndjson`);
}

export function readProjectTree(fixture: string): ProjectTree {
  const folder = projectTreeFolder(fixture);
  const attributesFile = path.join(folder, "project.json");
  if (!fs.existsSync(attributesFile)) throw new Error(`No project export tree at ${folder}`);
  const attributes = JSON.parse(fs.readFileSync(attributesFile, "utf8")) as Record<string, unknown>;
  const relationFiles = new Map<string, string>();
  const relationsFolder = path.join(folder, "project");
  if (fs.existsSync(relationsFolder)) {
    for (const name of fs.readdirSync(relationsFolder).sort()) {
      if (name.endsWith(".ndjson")) relationFiles.set(name.slice(0, -".ndjson".length), path.join(relationsFolder, name));
    }
  }
  return { attributes, relationFiles };
}

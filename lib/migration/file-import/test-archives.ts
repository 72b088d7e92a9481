// Test-only: GitLab group export archives built from fixture trees, hostile ones included, and uploads of them.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { pack as tarPack, type Header } from "tar-stream";

export const GROUP_EXPORTS = path.resolve(import.meta.dirname, "../../../test/fixtures/gitlab/gitlabhq/spec/fixtures/lib/gitlab/import_export/group_exports");
/** GitLab's project export fixtures (`complex/tree/project.json`, `complex/tree/project/<relation>.ndjson`). */
export const PROJECT_EXPORTS = path.resolve(import.meta.dirname, "../../../test/fixtures/gitlab/gitlabhq/spec/fixtures/lib/gitlab/import_export");

export interface Member {
  header: Partial<Header> & Pick<Header, "name">;
  data?: Buffer;
}

/** Every file of a fixture's `tree/` as archive members, named as `tar -C <dir> .` names them (or without `./`). */
export function fixtureMembers(fixture: string, options: { dotSlash?: boolean; version?: string | null; root?: string } = {}): Member[] {
  const prefix = options.dotSlash === false ? "" : "./";
  const root = path.join(options.root ?? GROUP_EXPORTS, fixture);
  const files = (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(root, f)).isFile()).sort();
  const version = options.version === undefined ? "0.2.4" : options.version;
  return [
    ...(version === null ? [] : [{ header: { name: `${prefix}VERSION` }, data: Buffer.from(version) }]),
    { header: { name: `${prefix}GITLAB_VERSION` }, data: Buffer.from("17.5.1-ee") },
    { header: { name: `${prefix}GITLAB_REVISION` }, data: Buffer.from("abc123") },
    ...files.map((f) => ({ header: { name: `${prefix}${f.split(path.sep).join("/")}` }, data: fs.readFileSync(path.join(root, f)) })),
  ];
}

/** The members as a gzipped tar (tar-stream writes any header asked for: links, devices, absolute names). */
export async function tarGzOf(members: Member[]): Promise<Buffer> {
  const pack = tarPack();
  for (const { header, data } of members) pack.entry({ size: data?.length ?? 0, ...header }, data ?? Buffer.alloc(0));
  pack.finalize();
  const parts: Buffer[] = [];
  for await (const chunk of pack.pipe(zlib.createGzip()) as AsyncIterable<Buffer>) parts.push(chunk);
  return Buffer.concat(parts);
}

/** The lines of a fixture's relation file (0 when the file is absent: GitLab leaves empty relations out). */
export function fixtureCount(fixture: string, groupId: number, relation: string): number {
  const file = path.join(GROUP_EXPORTS, fixture, "tree/groups", String(groupId), `${relation}.ndjson`);
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8").split("\n").filter((l) => l.trim()).length : 0;
}

/** A project export fixture's members (its `tree/`), and `extra` files (a bundle, uploads, LFS objects) after them. */
export function projectFixtureMembers(fixture: string, extra: Member[] = [], options: { version?: string | null } = {}): Member[] {
  return [...fixtureMembers(fixture, { ...options, root: PROJECT_EXPORTS }), ...extra];
}

/** The lines of a project fixture's relation file (0 when absent). */
export function projectFixtureCount(fixture: string, relation: string): number {
  const file = path.join(PROJECT_EXPORTS, fixture, "tree/project", `${relation}.ndjson`);
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8").split("\n").filter((l) => l.trim()).length : 0;
}

/** A `POST /groups/import` (or `POST /projects/import`, with `to`) request as curl sends it: multipart fields and the file. */
export function importRequest(fields: Record<string, string>, archive: Buffer | null, token?: string, to = "groups/import"): Request {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (archive) form.append("file", new Blob([new Uint8Array(archive)], { type: "application/gzip" }), "export.tar.gz");
  const headers = new Headers();
  if (token) headers.set("private-token", token);
  return new Request(`http://ferry.test/api/v4/${to}`, { method: "POST", body: form, headers });
}

import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { temporaryDirectory } from "@/test/helpers/git-client";
import { commitLfsObject, lfsObjectFile, LfsObjectMismatchError, lfsObjectsRoot, lfsStagingDirectory, stageLfsObject } from "./storage";

const dataDir = temporaryDirectory("ferry-lfs-storage-");
process.env.FERRY_DATA_DIR = dataDir;
const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

describe("the LFS object store", () => {
  it("keeps objects in GitLab's layout, named by oid, and refuses a name that is not one", () => {
    const oid = sha256(Buffer.from("x"));
    expect(lfsObjectFile(oid)).toBe(path.join(dataDir, "lfs-objects", oid.slice(0, 2), oid.slice(2, 4), oid.slice(4)));
    for (const bad of ["../../etc/passwd", oid.toUpperCase(), oid.slice(1), `${oid}/..`]) expect(() => lfsObjectFile(bad), bad).toThrow(/Not an LFS object id/);
  });

  it("stages an object only when its content is its oid, and puts it in place by a rename", async () => {
    const data = Buffer.from("content ".repeat(1000));
    const staging = await lfsStagingDirectory();
    await expect(stageLfsObject(staging, sha256(Buffer.from("other")), [data], 1 << 20)).rejects.toBeInstanceOf(LfsObjectMismatchError);
    await expect(stageLfsObject(staging, sha256(data), [data], 100)).rejects.toThrow(/larger than the limit of 100 bytes/);
    expect(fs.readdirSync(staging)).toEqual([]);
    const { file, size } = await stageLfsObject(staging, sha256(data), (async function* () {
      yield data.subarray(0, 10);
      yield data.subarray(10);
    })(), 1 << 20);
    expect(size).toBe(data.length);
    expect(fs.existsSync(lfsObjectFile(sha256(data)))).toBe(false);
    await commitLfsObject(file, sha256(data));
    expect(fs.readFileSync(lfsObjectFile(sha256(data))).equals(data)).toBe(true);
    expect(fs.readdirSync(staging)).toEqual([]);
  });

  it("removes what a crashed import left staged once it is a day old, and nothing newer", async () => {
    const old = await lfsStagingDirectory();
    fs.writeFileSync(path.join(old, "half"), "half an object");
    const recent = await lfsStagingDirectory();
    const dayAgo = new Date(Date.now() - 25 * 60 * 60_000);
    fs.utimesSync(old, dayAgo, dayAgo);
    const fresh = await lfsStagingDirectory();
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.existsSync(recent)).toBe(true);
    expect(path.dirname(fresh)).toBe(path.join(lfsObjectsRoot(), "tmp"));
  });
});

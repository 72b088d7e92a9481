import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { exportsRoot, resolveExportPath, writeGzipFile } from "./files";

describe("export files", () => {
  it("are written for Ferry's own user only: 0600 files in 0700 directories", async () => {
    const relative = path.join(String(process.pid), "run-perms", "all.gz");
    await writeGzipFile(relative, (async function* () {
      yield "secret epic\n";
    })());
    const mode = async (file: string) => (await fs.promises.stat(file)).mode & 0o777;
    expect(await mode(resolveExportPath(relative))).toBe(0o600);
    expect(await mode(path.dirname(resolveExportPath(relative)))).toBe(0o700);
    expect(await mode(path.join(exportsRoot(), String(process.pid)))).toBe(0o700);
  });
});

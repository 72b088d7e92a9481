import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import v8 from "node:v8";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { temporaryDirectory } from "@/test/helpers/git-client";
import { readTarGz } from "./index";

const work = temporaryDirectory("ferry-tar-memory-");
const MB = 1024 * 1024;

describe("reading a large archive", () => {
  it("holds a few chunks, not what it has read, while a slower consumer writes each entry to disk", async () => {
    // Random bytes: gzip cannot shrink them, so the archive is as large as its content.
    fs.mkdirSync(path.join(work, "in"));
    execFileSync("sh", ["-c", `head -c ${96 * MB} /dev/urandom > "$1"`, "sh", path.join(work, "in", "object")]);
    const archive = path.join(work, "objects.tar.gz");
    execFileSync("tar", ["-C", path.join(work, "in"), "-czf", archive, "."]);

    v8.setFlagsFromString("--expose-gc");
    const collect = vm.runInNewContext("gc") as () => void;
    collect();
    const baseline = process.memoryUsage().arrayBuffers;
    let peak = 0;
    const sampler = setInterval(() => {
      collect();
      peak = Math.max(peak, process.memoryUsage().arrayBuffers - baseline);
    }, 100);
    try {
      for await (const entry of readTarGz(fs.createReadStream(archive))) {
        if (entry.type === "file") await pipeline(entry.body, fs.createWriteStream(path.join(work, "out")));
      }
    } finally {
      clearInterval(sampler);
    }
    expect(fs.statSync(path.join(work, "out")).size).toBe(96 * MB);
    // Once, every chunk read stayed reachable until the archive ended (a race kept on the parser's close).
    expect(peak).toBeLessThan(24 * MB);
  }, 120_000);
});

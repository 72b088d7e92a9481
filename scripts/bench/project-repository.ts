// The repository of the project benchmarks (export and import by file): `megabytes` MB of files of 4 MB, half random
// (incompressible, as binaries and media are) and half text, in commits of ten files, pushed to a project's bare
// repository. Git itself writes every object: the repository is what a push would leave, packs and all.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const FILE_MB = 4;

const git = (cwd: string, args: string[]) => execFileSync("git", ["-c", "user.name=Bench", "-c", "user.email=bench@example.com", ...args], { cwd, stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 26 });

/** Fills the bare repository at `repository` through a clone in `scratch` (removed afterwards); returns its size on disk. */
export function fillBenchRepository(repository: string, megabytes: number, scratch: string): number {
  const work = path.join(scratch, "work");
  git(scratch, ["clone", "-q", repository, work]);
  const text = Buffer.from("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.\n".repeat((FILE_MB << 20) / 80));
  for (let i = 0; i < megabytes / FILE_MB; i++) {
    fs.mkdirSync(path.join(work, `dir${i % 10}`), { recursive: true });
    fs.writeFileSync(path.join(work, `dir${i % 10}`, `file${i}.bin`), i % 2 === 0 ? randomBytes(FILE_MB << 20) : Buffer.concat([Buffer.from(`${i}\n`), text]));
    if (i % 10 === 9) {
      git(work, ["add", "."]);
      git(work, ["commit", "-q", "-m", `batch ${i}`]);
    }
  }
  git(work, ["add", "."]);
  git(work, ["commit", "-q", "--allow-empty", "-m", "last"]);
  git(work, ["push", "-q", "origin", "HEAD:main"]);
  fs.rmSync(work, { recursive: true, force: true });
  return Number(execFileSync("du", ["-sb", repository]).toString().split("\t")[0]);
}

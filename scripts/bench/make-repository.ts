// Builds a large, realistic, deterministic bare repository for benchmarks of Ferry's git HTTP and repository pages:
//
//   node --import tsx scripts/bench/make-repository.ts <dir> [--commits N] [--files N] [--branches N] [--tags N]
//                                                            [--large-mb N] [--seed N]
//
// History is generated in memory and streamed into `git fast-import` (no working tree, no commit per process), so
// 20,000 commits take seconds rather than the minutes `git commit` in a loop would. Everything comes from one seeded
// generator and fixed dates: the same arguments give the same object ids, so runs on different days compare.
import fs from "node:fs";
import path from "node:path";
import { once } from "node:events";
import { runGit, spawnGit } from "@/lib/repositories";

interface Options {
  dir: string;
  commits: number;
  files: number;
  branches: number;
  tags: number;
  largeMb: number;
  seed: number;
}

const USAGE = "usage: make-repository.ts <dir> [--commits N] [--files N] [--branches N] [--tags N] [--large-mb N] [--seed N]";

function parseArguments(argv: readonly string[]): Options {
  const options: Options = { dir: "", commits: 20_000, files: 5_000, branches: 300, tags: 200, largeMb: 40, seed: 1 };
  const names: Record<string, keyof Omit<Options, "dir">> = { "--commits": "commits", "--files": "files", "--branches": "branches", "--tags": "tags", "--large-mb": "largeMb", "--seed": "seed" };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    const name = names[argument];
    if (name) {
      const value = Number(argv[++index]);
      if (!Number.isInteger(value) || value < 0) throw new Error(`${argument} takes a whole number\n${USAGE}`);
      options[name] = value;
    } else if (!argument.startsWith("-") && !options.dir) {
      options.dir = path.resolve(argument);
    } else {
      throw new Error(`unexpected argument ${argument}\n${USAGE}`);
    }
  }
  if (!options.dir) throw new Error(USAGE);
  if (options.commits < options.branches * 2 + options.tags + 10) throw new Error("--commits must leave room for the branches' and tags' commits");
  return options;
}

/** mulberry32: small, fast and the same everywhere; Math.random cannot be seeded. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const chance = (p: number) => next() < p;
  const bytes = (size: number) => {
    const buffer = Buffer.allocUnsafe(size);
    for (let at = 0; at + 4 <= size; at += 4) buffer.writeUInt32LE(Math.floor(next() * 4294967296), at);
    for (let at = size - (size % 4); at < size; at++) buffer[at] = int(0, 255);
    return buffer;
  };
  return { next, int, pick, chance, bytes };
}

const PEOPLE = [
  ["Ada Lovelace", "ada@example.com", "+0000"],
  ["Grace Hopper", "grace.hopper@example.org", "-0500"],
  ["Linus Torvalds", "linus@example.org", "-0800"],
  ["José García", "jose.garcia@example.es", "+0100"],
  ["Zoë Müller", "zoe.mueller@example.de", "+0200"],
  ["Li Lei", "li.lei@example.cn", "+0800"],
  ["Priya Natarajan", "priya@example.in", "+0530"],
  ["Olusegun Adeyemi", "segun@example.ng", "+0100"],
  ["Mei Tanaka", "mei.tanaka@example.jp", "+0900"],
  ["Sven Johansson", "sven@example.se", "+0100"],
  ["Camille Dubois", "camille.dubois@example.fr", "+0100"],
  ["Ahmed Hassan", "ahmed.hassan@example.eg", "+0200"],
  ["Maria Rossi", "maria.rossi@example.it", "+0100"],
  ["Kwame Mensah", "kwame@example.gh", "+0000"],
  ["Anna Kowalska", "anna.kowalska@example.pl", "+0100"],
  ["Diego Fernández", "diego@example.ar", "-0300"],
  ["Emily Chen", "emily.chen@example.com", "-0700"],
  ["Noah Williams", "noah.w@example.com", "-0400"],
  ["Fatima Zahra", "fatima@example.ma", "+0000"],
  ["Ivan Petrov", "ivan.petrov@example.ru", "+0300"],
  ["Sofia Andersson", "sofia@example.se", "+0100"],
  ["Hiroshi Sato", "hiroshi@example.jp", "+0900"],
  ["Chloé Martin", "chloe.martin@example.fr", "+0100"],
  ["Rahul Gupta", "rahul.gupta@example.in", "+0530"],
  ["Lucas Silva", "lucas.silva@example.br", "-0300"],
  ["Ingrid Nilsen", "ingrid@example.no", "+0100"],
  ["Tomás Novák", "tomas.novak@example.cz", "+0100"],
  ["dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com", "+0000"],
] as const;

const WORDS = ("account api archive audit auth avatar badge batch board branch build cache client commit config context cursor " +
  "dashboard database deploy diff editor email entity event export feature filter form gateway graph group hook import index " +
  "issue job label layout limit list loader lock log mail member merge metric migration milestone model monitor namespace " +
  "note notify option package page parser pipeline plugin policy project queue quota reader record registry release render " +
  "repository request runner schema search server session setting snippet source state storage stream tag task template " +
  "thread timer token topic tracker tree upload user validator version webhook widget wiki worker").split(" ");
const TOP_DIRECTORIES = ["src", "lib", "app", "docs", "test", "spec", "tools", "config", "packages", "vendor/third_party"];
const EXTENSIONS = ["ts", "ts", "ts", "js", "rb", "go", "py", "md", "json", "yml", "css"];
const VERBS = ["Fix", "Add", "Update", "Refactor", "Remove", "Improve", "Simplify", "Rename", "Document", "Test", "Optimize", "Handle"];
const TYPES = ["feat", "fix", "chore", "refactor", "docs", "test", "perf", "ci"];

type Random = ReturnType<typeof generator>;

interface FileState {
  mode: "100644" | "100755";
  /** Text files as lines; binary files as bytes. */
  content: string[] | Buffer;
}

/** Collects the fast-import stream and hands it to git in large writes, waiting when git is behind. */
class Stream {
  private parts: Buffer[] = [];
  private size = 0;
  bytes = 0;

  constructor(private readonly sink: NodeJS.WritableStream) {}

  text(value: string) {
    this.push(Buffer.from(value));
  }

  data(content: string | Buffer) {
    const buffer = typeof content === "string" ? Buffer.from(content) : content;
    this.text(`data ${buffer.length}\n`);
    this.push(buffer);
    this.text("\n");
  }

  private push(buffer: Buffer) {
    this.parts.push(buffer);
    this.size += buffer.length;
  }

  async flush(force = false) {
    if (this.size === 0 || (!force && this.size < 1024 * 1024)) return;
    const chunk = Buffer.concat(this.parts);
    this.parts = [];
    this.size = 0;
    this.bytes += chunk.length;
    if (!this.sink.write(chunk)) await once(this.sink, "drain");
  }
}

function sourceLine(random: Random, extension: string): string {
  const a = random.pick(WORDS);
  const b = random.pick(WORDS);
  const n = random.int(0, 999);
  switch (extension) {
    case "md":
      return random.chance(0.2) ? `## ${a[0]!.toUpperCase()}${a.slice(1)} ${b}` : `The ${a} ${b} keeps ${n} entries until the ${random.pick(WORDS)} is flushed.`;
    case "json":
      return `  "${a}_${b}": ${n},`;
    case "yml":
      return `${a}_${b}: ${random.chance(0.5) ? n : random.pick(WORDS)}`;
    case "rb":
      return random.chance(0.3) ? `  def ${a}_${b}(${random.pick(WORDS)})` : `    @${a} ||= ${b}.find(${n})`;
    case "py":
      return random.chance(0.3) ? `def ${a}_${b}(${random.pick(WORDS)}):` : `    return ${a}.${b}(${n})`;
    case "go":
      return random.chance(0.3) ? `func ${a}${b[0]!.toUpperCase()}${b.slice(1)}(ctx context.Context) error {` : `\tif err := ${a}.${b}(${n}); err != nil {`;
    case "css":
      return `.${a}-${b} { margin: ${n % 32}px; }`;
    default:
      return random.chance(0.3) ? `export function ${a}${b[0]!.toUpperCase()}${b.slice(1)}(value: number): number {` : `  const ${a} = ${b}.get(${n}) ?? ${random.int(0, 9)};`;
  }
}

function textFile(random: Random, extension: string, lines: number): string[] {
  return Array.from({ length: lines }, () => sourceLine(random, extension));
}

/** Bytes that look like an image: a PNG signature (which holds no NUL) then noise, NULs included. */
function binaryFile(random: Random): Buffer {
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), random.bytes(random.int(512, 48 * 1024))]);
}

function commitMessage(random: Random): string {
  const area = `${random.pick(WORDS)}/${random.pick(WORDS)}`;
  const subject = random.chance(0.4)
    ? `${random.pick(TYPES)}(${random.pick(WORDS)}): ${random.pick(VERBS).toLowerCase()} ${random.pick(WORDS)} ${random.pick(WORDS)}`
    : `${random.pick(VERBS)} ${random.pick(WORDS)} ${random.pick(WORDS)} in ${area}`;
  if (!random.chance(0.35)) return `${subject}\n`;
  const body = Array.from({ length: random.int(1, 3) }, () =>
    `The ${random.pick(WORDS)} ${random.pick(WORDS)} did not account for ${random.pick(WORDS)} ${random.pick(WORDS)}s when the ${random.pick(WORDS)} was\n` +
    `${random.pick(["empty", "stale", "locked", "missing", "too large"])}; this ${random.pick(["changes", "fixes", "moves"])} it to ${random.pick(WORDS)} first.`,
  ).join("\n\n");
  const trailers = [
    ...(random.chance(0.3) ? [`Closes #${random.int(1, 9000)}`] : []),
    ...(random.chance(0.2) ? [`Changelog: ${random.pick(["added", "fixed", "changed", "performance"])}`] : []),
    ...(random.chance(0.15) ? [((person) => `Co-authored-by: ${person[0]} <${person[1]}>`)(random.pick(PEOPLE))] : []),
  ];
  return `${subject}\n\n${body}\n${trailers.length > 0 ? `\n${trailers.join("\n")}\n` : ""}`;
}

class History {
  private readonly random: Random;
  private readonly files = new Map<string, FileState>();
  private readonly paths: string[] = [];
  private readonly textPaths: string[] = [];
  private mark = 0;
  private clock = Date.UTC(2016, 0, 4, 9, 0, 0) / 1000;
  counts = { commits: 0, merges: 0, renames: 0, binaryChanges: 0, branches: 0, tags: 0, annotatedTags: 0, largeFileBytes: 0 };
  largeFilePath = "";

  constructor(
    private readonly options: Options,
    private readonly out: Stream,
  ) {
    this.random = generator(options.seed);
  }

  private addPath(file: string, state: FileState) {
    if (!this.files.has(file)) {
      this.paths.push(file);
      if (Array.isArray(state.content)) this.textPaths.push(file);
    }
    this.files.set(file, state);
  }

  private removePath(file: string) {
    this.files.delete(file);
    for (const list of [this.paths, this.textPaths]) {
      const index = list.indexOf(file);
      if (index >= 0) {
        list[index] = list[list.length - 1]!;
        list.pop();
      }
    }
  }

  private newPath(): string {
    for (;;) {
      const depth = this.random.int(0, 3);
      const parts = [this.random.pick(TOP_DIRECTORIES), ...Array.from({ length: depth }, () => this.random.pick(WORDS))];
      const file = `${parts.join("/")}/${this.random.pick(WORDS)}_${this.random.pick(WORDS)}.${this.random.pick(EXTENSIONS)}`;
      // Directory names never hold a dot and file names always do: a new file can never clash with a directory.
      if (!this.files.has(file)) return file;
    }
  }

  private identity(): string {
    const [name, email, zone] = this.random.pick(PEOPLE);
    return `${name} <${email}> ${this.clock} ${zone}`;
  }

  private tick() {
    // About four hours apart on average: 20,000 commits span nine years.
    this.clock += this.random.int(60, 8 * 3600);
  }

  private modifyCommand(file: string, state: FileState) {
    this.out.text(`M ${state.mode} inline ${file}\n`);
    this.out.data(Array.isArray(state.content) ? `${state.content.join("\n")}\n` : state.content);
  }

  /** Starts a commit on `ref`; returns its mark. */
  private commit(ref: string, message: string, parents: readonly number[]): number {
    this.tick();
    const mark = ++this.mark;
    const who = this.identity();
    this.out.text(`commit ${ref}\nmark :${mark}\nauthor ${who}\ncommitter ${who}\n`);
    this.out.data(message);
    if (parents[0] !== undefined) this.out.text(`from :${parents[0]}\n`);
    for (const parent of parents.slice(1)) this.out.text(`merge :${parent}\n`);
    this.counts.commits++;
    if (parents.length > 1) this.counts.merges++;
    return mark;
  }

  private edited(lines: readonly string[], extension: string): string[] {
    const next = [...lines];
    for (let edits = this.random.int(1, 4); edits > 0; edits--) {
      const at = this.random.int(0, next.length);
      const kind = this.random.next();
      if (kind < 0.45 && next.length > 0) next[Math.min(at, next.length - 1)] = sourceLine(this.random, extension);
      else if (kind < 0.85) next.splice(at, 0, ...textFile(this.random, extension, this.random.int(1, 6)));
      else if (next.length > 3) next.splice(Math.min(at, next.length - 1), 1);
    }
    return next;
  }

  initial(): number {
    const mark = this.commit("refs/heads/main", "Initial commit\n", []);
    const readme = ["# Benchmark project", "", "A generated repository for Ferry's benchmarks.", ""];
    this.addPath("README.md", { mode: "100644", content: readme });
    this.addPath("CHANGELOG.md", { mode: "100644", content: ["# Changelog", ""] });
    for (let index = 0; index < this.options.files; index++) {
      const roll = this.random.next();
      if (roll < 0.015) this.addPath(`assets/images/${this.random.pick(WORDS)}_${index}.png`, { mode: "100644", content: binaryFile(this.random) });
      else if (roll < 0.03) this.addPath(`tools/${this.random.pick(WORDS)}_${index}.sh`, { mode: "100755", content: ["#!/bin/sh", "set -eu", ...textFile(this.random, "sh", this.random.int(3, 20))] });
      else {
        const file = this.newPath();
        this.addPath(file, { mode: "100644", content: textFile(this.random, file.slice(file.lastIndexOf(".") + 1), this.random.int(5, 80)) });
      }
    }
    for (const file of this.paths) this.modifyCommand(file, this.files.get(file)!);
    // A symbolic link and a submodule, so that trees hold every kind of entry.
    this.out.text("M 120000 inline docs/latest\n");
    this.out.data("../CHANGELOG.md");
    this.out.text("M 160000 2c1c3b5a5ad3d4f4f4d04b8f6f57e7b2a44f3a63 vendor/gitlab-shell\n\n");
    return mark;
  }

  /** One ordinary change on main: edits mostly, sometimes new, deleted, renamed or binary files. */
  mainChange(parent: number): number {
    const mark = this.commit("refs/heads/main", commitMessage(this.random), [parent]);
    const roll = this.random.next();
    if (roll < 0.07) {
      for (let count = this.random.int(1, 3); count > 0; count--) {
        const file = this.newPath();
        const state: FileState = { mode: "100644", content: textFile(this.random, file.slice(file.lastIndexOf(".") + 1), this.random.int(5, 60)) };
        this.addPath(file, state);
        this.modifyCommand(file, state);
      }
    } else if (roll < 0.1 && this.textPaths.length > this.options.files / 2) {
      const file = this.random.pick(this.textPaths);
      this.removePath(file);
      this.out.text(`D ${file}\n`);
    } else if (roll < 0.14) {
      // A move, often with an edit: git finds it again by similarity (-M), as GitLab shows renames.
      const from = this.random.pick(this.textPaths);
      const state = this.files.get(from)!;
      const to = this.newPath().replace(/\.[a-z]+$/, from.slice(from.lastIndexOf(".")));
      this.removePath(from);
      this.out.text(`R ${from} ${to}\n`);
      const moved: FileState = this.random.chance(0.5) ? { ...state, content: this.edited(state.content as string[], to.slice(to.lastIndexOf(".") + 1)) } : state;
      this.addPath(to, moved);
      if (moved !== state) this.modifyCommand(to, moved);
      this.counts.renames++;
    } else if (roll < 0.16) {
      const file = `assets/images/${this.random.pick(WORDS)}_${this.random.int(0, 400)}.png`;
      const state: FileState = { mode: "100644", content: binaryFile(this.random) };
      this.addPath(file, state);
      this.modifyCommand(file, state);
      this.counts.binaryChanges++;
    } else {
      for (let count = this.random.int(1, 3); count > 0; count--) {
        const file = this.random.pick(this.textPaths);
        const state = this.files.get(file)!;
        const next: FileState = { ...state, content: this.edited(state.content as string[], file.slice(file.lastIndexOf(".") + 1)) };
        this.addPath(file, next);
        this.modifyCommand(file, next);
      }
    }
    this.out.text("\n");
    return mark;
  }

  largeFile(parent: number): number {
    const mark = this.commit("refs/heads/main", "Add the benchmark dataset\n\nA large binary file, as repositories that track data have.\n", [parent]);
    this.largeFilePath = "assets/data/benchmark-dataset.bin";
    const content = this.random.bytes(this.options.largeMb * 1024 * 1024);
    this.counts.largeFileBytes = content.length;
    this.out.text(`M 100644 inline ${this.largeFilePath}\n`);
    this.out.data(content);
    this.out.text("\n");
    return mark;
  }

  /** A topic branch off `base`: a few commits touching its own and shared files. Returns its tip and what it changed. */
  branch(name: string, base: number): { tip: number; changed: Map<string, FileState>; commits: number } {
    const changed = new Map<string, FileState>();
    let tip = base;
    const commits = this.random.int(1, 4);
    for (let index = 0; index < commits; index++) {
      tip = this.commit(`refs/heads/${name}`, commitMessage(this.random), [tip]);
      const own = `src/features/${name.replace(/[^a-z0-9]+/g, "_")}/${this.random.pick(WORDS)}.ts`;
      const file = this.random.chance(0.5) ? own : this.random.pick(this.textPaths);
      const before = changed.get(file) ?? this.files.get(file);
      const state: FileState = { mode: before?.mode ?? "100644", content: before ? this.edited(before.content as string[], "ts") : textFile(this.random, "ts", this.random.int(5, 40)) };
      changed.set(file, state);
      this.modifyCommand(file, state);
      this.out.text("\n");
    }
    this.counts.branches++;
    return { tip, changed, commits };
  }

  /** Merges a branch into main as GitLab's merge button does: a merge commit whose tree takes the branch's files. */
  merge(parent: number, name: string, tip: number, changed: Map<string, FileState>): number {
    const mark = this.commit("refs/heads/main", `Merge branch '${name}' into 'main'\n\n${commitMessage(this.random).split("\n")[0]}\n\nSee merge request bench/project!${this.random.int(1, 5000)}\n`, [parent, tip]);
    for (const [file, state] of changed) {
      this.addPath(file, state);
      this.modifyCommand(file, state);
    }
    this.out.text("\n");
    return mark;
  }

  tag(name: string, mark: number) {
    if (this.random.chance(0.5)) {
      this.out.text(`tag ${name}\nfrom :${mark}\ntagger ${this.identity()}\n`);
      this.out.data(`Release ${name}\n\n${commitMessage(this.random)}`);
      this.counts.annotatedTags++;
    } else {
      this.out.text(`reset refs/tags/${name}\nfrom :${mark}\n\n`);
    }
    this.counts.tags++;
  }

  /** A release: the changelog grows on main, then the tag. */
  release(parent: number, version: string): number {
    const mark = this.commit("refs/heads/main", `Release ${version}\n`, [parent]);
    const changelog = this.files.get("CHANGELOG.md")!;
    const next: FileState = { ...changelog, content: [...(changelog.content as string[]), `## ${version}`, "", ...textFile(this.random, "md", this.random.int(2, 8)), ""] };
    this.addPath("CHANGELOG.md", next);
    this.modifyCommand("CHANGELOG.md", next);
    this.out.text("\n");
    this.tag(version, mark);
    return mark;
  }

  get fileCount() {
    return this.files.size;
  }
}

const BRANCH_KINDS = ["feature", "feature", "fix", "chore", "docs", "refactor", "perf"];

async function generate(options: Options, out: Stream): Promise<History> {
  const history = new History(options, out);
  const random = generator(options.seed ^ 0x9e3779b9);
  let main = history.initial();
  const open: { name: string; tip: number; changed: Map<string, FileState>; mergeAt: number }[] = [];
  // Every branch costs its commits, and a merge for most: what remains of the budget is main's own history.
  const branchCommits = options.branches * 2.5;
  const mainSteps = Math.max(1, options.commits - branchCommits * 1.35 - options.tags - 2);
  // Branches and tags spread evenly over main's history; one that a step could not take is taken by the next.
  const branchEvery = mainSteps / Math.max(1, options.branches);
  const tagEvery = mainSteps / Math.max(1, options.tags);
  let release = { major: 1, minor: 0, patch: 0 };
  let step = 0;
  let largeDone = options.largeMb === 0;
  const branchNames = new Set<string>();

  while (history.counts.commits < options.commits || history.counts.branches < options.branches || history.counts.tags < options.tags) {
    step++;
    if (!largeDone && step >= mainSteps / 2) {
      main = history.largeFile(main);
      largeDone = true;
    } else if (history.counts.branches < Math.min(options.branches, step / branchEvery)) {
      let name = history.counts.branches % 40 === 0 ? `release/${release.major}-${release.minor}-stable` : `${random.pick(BRANCH_KINDS)}/${random.pick(WORDS)}-${random.pick(WORDS)}`;
      if (branchNames.has(name)) name = `${name}-${history.counts.branches}`;
      branchNames.add(name);
      const made = history.branch(name, main);
      if (random.chance(0.6)) open.push({ name, tip: made.tip, changed: made.changed, mergeAt: step + random.int(1, Math.ceil(3 * branchEvery)) });
    } else if (history.counts.tags < Math.min(options.tags, step / tagEvery)) {
      // Versions only go up, so every tag name is new.
      const bump = random.next();
      release = bump < 0.03 ? { major: release.major + 1, minor: 0, patch: 0 } : bump < 0.3 ? { ...release, minor: release.minor + 1, patch: 0 } : { ...release, patch: release.patch + 1 };
      main = history.release(main, `v${release.major}.${release.minor}.${release.patch}`);
    } else {
      const due = open.findIndex((candidate) => candidate.mergeAt <= step);
      if (due >= 0) {
        const [branch] = open.splice(due, 1);
        main = history.merge(main, branch!.name, branch!.tip, branch!.changed);
      } else {
        main = history.mainChange(main);
      }
    }
    await out.flush();
  }
  return history;
}

async function git(dir: string, args: string[]): Promise<string> {
  return (await runGit(args, { gitDir: dir, timeoutMs: 10 * 60_000, maxStdoutBytes: 16 * 1024 * 1024 })).stdout.toString().trim();
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  if (fs.existsSync(options.dir) && fs.readdirSync(options.dir).length > 0) throw new Error(`${options.dir} exists and is not empty`);
  const started = performance.now();
  await runGit(["init", "--bare", "--quiet", "--template=", "--initial-branch=main", options.dir], { timeoutMs: 60_000, maxStdoutBytes: 4096 });

  // fast-import trusts its input; --done makes a stream cut short an error rather than a smaller repository.
  const importer = spawnGit(["fast-import", "--quiet", "--done"], { gitDir: options.dir, timeoutMs: 60 * 60_000 });
  importer.stdout.resume();
  const out = new Stream(importer.stdin);
  const history = await generate(options, out);
  out.text("done\n");
  await out.flush(true);
  importer.stdin.end();
  await importer.done;
  // Refs as a server keeps them after its first housekeeping.
  await git(options.dir, ["pack-refs", "--all"]);

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const [commits, merges, head, files, objects] = await Promise.all([
    git(options.dir, ["rev-list", "--all", "--count"]),
    git(options.dir, ["rev-list", "--all", "--merges", "--count"]),
    git(options.dir, ["rev-parse", "HEAD"]),
    git(options.dir, ["ls-tree", "-r", "--name-only", "HEAD"]).then((list) => list.split("\n").length),
    git(options.dir, ["count-objects", "-v"]),
  ]);
  const sizePack = Number(/^size-pack: (\d+)$/m.exec(objects)?.[1] ?? 0);
  const summary = {
    repository: options.dir,
    seed: options.seed,
    head,
    commits: Number(commits),
    merges: Number(merges),
    renames: history.counts.renames,
    binaryChanges: history.counts.binaryChanges,
    branches: history.counts.branches + 1,
    tags: history.counts.tags,
    annotatedTags: history.counts.annotatedTags,
    filesAtHead: files,
    largeFile: history.largeFilePath ? { path: history.largeFilePath, bytes: history.counts.largeFileBytes } : null,
    streamMegabytes: Number((out.bytes / 1024 / 1024).toFixed(1)),
    packMegabytes: Number((sizePack / 1024).toFixed(1)),
    seconds: Number(seconds),
  };
  console.log(JSON.stringify(summary, null, 2));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

// A streaming reader of `git diff-tree -r -M --raw -p -z --full-index` output. With -z the raw part comes first, one
// NUL-terminated field at a time (":oldmode newmode oldid newid status", then one path, or two for a rename or copy),
// ended by an empty field; then the patches, one per raw entry and in the same order, each opened by a
// "diff --git " line. Paths are taken from the raw part, where they are never quoted. Nothing is kept beyond the limits.

/** A file's change as GitLab's API shows it (Entities::Diff), plus the flags of Gitlab::Git::Diff. */
export interface DiffFile {
  old_path: string;
  new_path: string;
  a_mode: string;
  b_mode: string;
  new_file: boolean;
  renamed_file: boolean;
  deleted_file: boolean;
  /** The hunks ("@@ -1,2 +1,3 @@\n..."), or git's "Binary files ... differ" line; "" when collapsed or too large. */
  diff: string;
  /** Left out because earlier files used up the bytes a diff may show. */
  collapsed: boolean;
  /** Left out because this file's patch alone is over the per-file limits. */
  too_large: boolean;
  binary: boolean;
}

export interface DiffLimits {
  /** Files listed; more make the result an overflow. GitLab's default diff_max_files is 1000. */
  maxFiles?: number;
  /** Bytes of patch text over all files; the files past it are collapsed. */
  maxBytes?: number;
  /** Bytes of one file's patch; past it the file is too large. GitLab's default diff_max_patch_bytes is 200 KiB. */
  maxFileBytes?: number;
  /** Lines of one file's patch; past it the file is too large. */
  maxLinesPerFile?: number;
}

export const DEFAULT_DIFF_LIMITS: Required<DiffLimits> = { maxFiles: 1000, maxBytes: 10 * 1024 * 1024, maxFileBytes: 200 * 1024, maxLinesPerFile: 10_000 };

export interface DiffResult {
  diffs: DiffFile[];
  /** How many files changed in all, listed or not. */
  files_changed: number;
  /** Files were left out (more than maxFiles) or collapsed (past maxBytes). */
  overflow: boolean;
}

interface RawEntry {
  meta: string;
  paths: string[];
}

interface PatchState {
  parts: Buffer[];
  bytes: number;
  lines: number;
  hunks: boolean;
  binary: boolean;
  tooLarge: boolean;
}

const NUL = 0;
const NEWLINE = 10;
const DIFF_HEADER = Buffer.from("diff --git ");
const HUNK = Buffer.from("@@");
const BINARY = Buffer.from("Binary files ");
// Enough of a skipped line to recognise the next file's header or git's binary notice.
const PREFIX_KEPT = 16;
const MAX_RAW_FIELD = 64 * 1024;

const mode = (value: string) => (/^0+$/.test(value) ? "0" : value);

export class DiffParser {
  private readonly limits: Required<DiffLimits>;
  private phase: "raw" | "patch" = "raw";
  private field: Buffer[] = [];
  private fieldBytes = 0;
  private current: RawEntry | null = null;
  private readonly entries: RawEntry[] = [];
  private rawCount = 0;
  private readonly patches: { diff: string; tooLarge: boolean; binary: boolean; collapsed: boolean }[] = [];
  private patch: PatchState | null = null;
  private line: Buffer[] = [];
  private lineBytes = 0;
  private usedBytes = 0;
  private exhausted = false;
  private done = false;

  constructor(limits: DiffLimits = {}) {
    this.limits = { ...DEFAULT_DIFF_LIMITS, ...limits };
  }

  /** Feeds output; "stop" once nothing more is needed, after which git can be stopped. */
  push(chunk: Buffer): "more" | "stop" {
    let at = 0;
    while (at < chunk.length && !this.done) {
      if (this.phase === "raw") at = this.readRaw(chunk, at);
      else at = this.readPatch(chunk, at);
    }
    return this.done ? "stop" : "more";
  }

  private readRaw(chunk: Buffer, from: number): number {
    const end = chunk.indexOf(NUL, from);
    if (end < 0) {
      this.field.push(chunk.subarray(from));
      this.fieldBytes += chunk.length - from;
      if (this.fieldBytes > MAX_RAW_FIELD) throw new Error("git printed a diff entry in an unexpected format");
      return chunk.length;
    }
    const field = Buffer.concat([...this.field, chunk.subarray(from, end)]).toString("utf8");
    this.field = [];
    this.fieldBytes = 0;
    this.takeRawField(field);
    return end + 1;
  }

  private takeRawField(field: string) {
    if (this.current) {
      this.current.paths.push(field);
      const status = this.current.meta.split(" ")[4] ?? "";
      if (this.current.paths.length === (status.startsWith("R") || status.startsWith("C") ? 2 : 1)) {
        if (this.entries.length < this.limits.maxFiles) this.entries.push(this.current);
        this.rawCount++;
        this.current = null;
      }
    } else if (field === "") {
      this.phase = "patch";
      if (this.entries.length === 0) this.done = true;
    } else if (field.startsWith(":")) {
      this.current = { meta: field.slice(1), paths: [] };
    } else {
      throw new Error("git printed a diff entry in an unexpected format");
    }
  }

  private readPatch(chunk: Buffer, from: number): number {
    const end = chunk.indexOf(NEWLINE, from);
    this.keepLinePart(chunk.subarray(from, end < 0 ? chunk.length : end));
    if (end < 0) return chunk.length;
    const line = this.line.length === 1 ? this.line[0]! : Buffer.concat(this.line);
    const length = this.lineBytes;
    this.line = [];
    this.lineBytes = 0;
    this.takeLine(line, length);
    return end + 1;
  }

  /**
   * Part of a line: as much as the current file could still show, and always enough of its start to recognise the
   * next file's header. Whether a cut line makes a file too large is decided once the line is known not to be a header.
   */
  private keepLinePart(part: Buffer) {
    const patch = this.patch;
    const room = Math.max(PREFIX_KEPT, patch && !patch.tooLarge ? this.limits.maxFileBytes - patch.bytes + 1 : 0);
    const keep = Math.min(part.length, Math.max(0, room - this.lineBytes));
    // Copied: a slice would keep git's whole chunk alive for as long as the line is kept.
    if (keep > 0) this.line.push(Buffer.from(part.subarray(0, keep)));
    this.lineBytes += part.length;
  }

  private takeLine(line: Buffer, length: number) {
    if (line.subarray(0, DIFF_HEADER.length).equals(DIFF_HEADER)) {
      this.finishPatch();
      if (this.done) return;
      if (this.patches.length >= this.entries.length) {
        this.done = true;
        return;
      }
      this.patch = { parts: [], bytes: 0, lines: 0, hunks: false, binary: false, tooLarge: false };
      return;
    }
    const patch = this.patch;
    if (!patch) return;
    if (!patch.hunks) {
      if (line.subarray(0, HUNK.length).equals(HUNK)) patch.hunks = true;
      else {
        // Before any hunk, only git writes a line starting so: a file's content is never here.
        if (line.subarray(0, BINARY.length).equals(BINARY)) {
          patch.binary = true;
          this.append(patch, line, length);
        }
        return;
      }
    }
    this.append(patch, line, length);
  }

  private append(patch: PatchState, line: Buffer, length: number) {
    if (patch.tooLarge) return;
    patch.lines++;
    patch.bytes += length + 1;
    if (patch.bytes > this.limits.maxFileBytes || patch.lines > this.limits.maxLinesPerFile || length > line.length) {
      patch.tooLarge = true;
      patch.parts = [];
      return;
    }
    patch.parts.push(line);
  }

  private finishPatch() {
    const patch = this.patch;
    if (!patch) return;
    this.patch = null;
    if (patch.tooLarge) {
      this.patches.push({ diff: "", tooLarge: true, binary: patch.binary, collapsed: false });
      return;
    }
    const text = patch.parts.map((part) => `${part.toString("utf8")}\n`).join("");
    if (this.usedBytes + patch.bytes > this.limits.maxBytes) {
      // What is left would not be shown either: stop git here, the rest is listed collapsed.
      this.exhausted = true;
      this.done = true;
      return;
    }
    this.usedBytes += patch.bytes;
    this.patches.push({ diff: text, tooLarge: false, binary: patch.binary, collapsed: false });
  }

  /** The diffs read, once git's output has ended (or was stopped). */
  result(): DiffResult {
    if (!this.done) this.finishPatch();
    const diffs = this.entries.map((entry, index): DiffFile => {
      const [oldMode, newMode, , , status = ""] = entry.meta.split(" ");
      const [first, second] = entry.paths;
      const patch = this.patches[index];
      return {
        old_path: first!,
        new_path: second ?? first!,
        a_mode: mode(oldMode!),
        b_mode: mode(newMode!),
        new_file: status.startsWith("A"),
        renamed_file: status.startsWith("R"),
        deleted_file: status.startsWith("D"),
        diff: patch?.diff ?? "",
        collapsed: patch === undefined,
        too_large: patch?.tooLarge ?? false,
        binary: patch?.binary ?? false,
      };
    });
    return { diffs, files_changed: this.rawCount, overflow: this.rawCount > this.entries.length || this.exhausted };
  }
}

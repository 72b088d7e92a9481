import { describe, expect, it } from "vitest";
import { DiffParser, type DiffLimits } from "./diff-parse";

const ZERO = "0".repeat(40);
const A = "a".repeat(40);
const B = "b".repeat(40);
const C = "c".repeat(40);

// What `git diff-tree -r -M --raw -p -z --full-index` prints: raw fields NUL-terminated, an empty field, then patches.
const OUTPUT = Buffer.from(
  [
    `:100644 100644 ${A} ${B} M\0src/app.ts\0`,
    `:100644 100644 ${A} ${C} R087\0docs/old name.md\0docs/new\nline.md\0`,
    `:000000 100644 ${ZERO} ${B} A\0logo.png\0`,
    `:100644 000000 ${A} ${ZERO} D\0gone.txt\0`,
    `:100644 100755 ${A} ${A} M\0run.sh\0`,
    "\0",
    `diff --git a/src/app.ts b/src/app.ts\nindex ${A}..${B} 100644\n--- a/src/app.ts\n+++ b/src/app.ts\n@@ -1 +1,2 @@\n-old\n+new\n+diff --git lookalike\n`,
    `diff --git "a/docs/old name.md" "b/docs/new\\nline.md"\nsimilarity index 87%\nrename from docs/old name.md\nrename to "docs/new\\nline.md"\nindex ${A}..${C} 100644\n--- "a/docs/old name.md"\n+++ "b/docs/new\\nline.md"\n@@ -3 +3 @@\n-x\n+y\n\\ No newline at end of file\n`,
    `diff --git a/logo.png b/logo.png\nnew file mode 100644\nindex ${ZERO}..${B}\nBinary files /dev/null and b/logo.png differ\n`,
    `diff --git a/gone.txt b/gone.txt\ndeleted file mode 100644\nindex ${A}..${ZERO}\n--- a/gone.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-bye\n`,
    `diff --git a/run.sh b/run.sh\nold mode 100644\nnew mode 100755\n`,
  ].join(""),
);

function parse(chunkSize: number, limits: DiffLimits = {}) {
  const parser = new DiffParser(limits);
  for (let at = 0; at < OUTPUT.length; at += chunkSize) {
    if (parser.push(OUTPUT.subarray(at, at + chunkSize)) === "stop") break;
  }
  return parser.result();
}

describe("DiffParser", () => {
  it("pairs each patch with its raw entry: paths unquoted, modes, flags, hunks only", () => {
    const result = parse(OUTPUT.length);
    expect(result.files_changed).toBe(5);
    expect(result.overflow).toBe(false);
    expect(result.diffs).toEqual([
      { old_path: "src/app.ts", new_path: "src/app.ts", a_mode: "100644", b_mode: "100644", new_file: false, renamed_file: false, deleted_file: false, diff: "@@ -1 +1,2 @@\n-old\n+new\n+diff --git lookalike\n", collapsed: false, too_large: false, binary: false },
      { old_path: "docs/old name.md", new_path: "docs/new\nline.md", a_mode: "100644", b_mode: "100644", new_file: false, renamed_file: true, deleted_file: false, diff: "@@ -3 +3 @@\n-x\n+y\n\\ No newline at end of file\n", collapsed: false, too_large: false, binary: false },
      { old_path: "logo.png", new_path: "logo.png", a_mode: "0", b_mode: "100644", new_file: true, renamed_file: false, deleted_file: false, diff: "Binary files /dev/null and b/logo.png differ\n", collapsed: false, too_large: false, binary: true },
      { old_path: "gone.txt", new_path: "gone.txt", a_mode: "100644", b_mode: "0", new_file: false, renamed_file: false, deleted_file: true, diff: "@@ -1 +0,0 @@\n-bye\n", collapsed: false, too_large: false, binary: false },
      { old_path: "run.sh", new_path: "run.sh", a_mode: "100644", b_mode: "100755", new_file: false, renamed_file: false, deleted_file: false, diff: "", collapsed: false, too_large: false, binary: false },
    ]);
  });

  it("gives the same answer however git's output is cut into chunks", () => {
    const whole = parse(OUTPUT.length);
    for (const size of [1, 2, 3, 7, 64]) expect(parse(size), `chunks of ${size}`).toEqual(whole);
  });

  it("lists at most maxFiles and stops reading there, flagging the overflow", () => {
    const parser = new DiffParser({ maxFiles: 2 });
    expect(parser.push(OUTPUT)).toBe("stop");
    const result = parser.result();
    expect(result.diffs.map((file) => file.new_path)).toEqual(["src/app.ts", "docs/new\nline.md"]);
    expect(result).toMatchObject({ files_changed: 5, overflow: true });
  });

  it("empties a file's diff past the per-file bytes or lines, and collapses the files past the total bytes", () => {
    const tooLarge = parse(5, { maxFileBytes: 20 });
    expect(tooLarge.diffs[0]).toMatchObject({ diff: "", too_large: true, collapsed: false });
    expect(tooLarge.diffs[2]).toMatchObject({ diff: "", too_large: true, binary: true });
    // The next file's header does not count against the file before it.
    expect(tooLarge.diffs[3]).toMatchObject({ diff: "@@ -1 +0,0 @@\n-bye\n", too_large: false });
    expect(parse(OUTPUT.length, { maxLinesPerFile: 3 }).diffs[0]).toMatchObject({ diff: "", too_large: true });

    // The first file's 44 bytes fit, the second's do not: it and all later ones are collapsed.
    const collapsed = parse(OUTPUT.length, { maxBytes: 50 });
    expect(collapsed.diffs.map((file) => [file.collapsed, file.diff === ""])).toEqual([
      [false, false],
      [true, true],
      [true, true],
      [true, true],
      [true, true],
    ]);
    expect(collapsed.overflow).toBe(true);
  });

  it("reads nothing but raw entries when there is no patch, and nothing at all for no change", () => {
    expect(new DiffParser().result()).toEqual({ diffs: [], files_changed: 0, overflow: false });
  });
});

import { describe, expect, it } from "vitest";
import { isArchiveRoot, topLevelFile, type EntryType } from "./index";

const entry = (path: string, type: EntryType = "file") => ({ path, type });

describe("an archive's members", () => {
  it("takes the root `tar -C <dir> .` writes for no member, and a plain top-level file by its name, with or without ./", () => {
    for (const root of ["./", ".", "././"]) expect(isArchiveRoot(entry(root, "directory")), root).toBe(true);
    expect(isArchiveRoot(entry("./", "file"))).toBe(false);
    expect(isArchiveRoot(entry("./a", "directory"))).toBe(false);
    expect(topLevelFile(entry("./design.bundle"))).toEqual({ name: "design.bundle" });
    expect(topLevelFile(entry("lfs_objects.json"))).toEqual({ name: "lfs_objects.json" });
  });

  it("says why anything else is not one: links, devices, pipes, traversal, absolute paths, directories, nested files", () => {
    const cases: [ReturnType<typeof entry>, RegExp][] = [
      [entry("./a", "symlink"), /^Symbolic links are not imported: \.\/a$/],
      [entry("./a", "hardlink"), /^Hard links are not imported/],
      [entry("./a", "character-device"), /^Devices are not imported/],
      [entry("./a", "fifo"), /^Named pipes are not imported/],
      [entry("./a", "other"), /^Only regular files are imported/],
      [entry("../a"), /path traversal/],
      [entry("/etc/passwd"), /path traversal/],
      [entry("./a/../../b"), /path traversal/],
      [entry("./a/b"), /^Not a file at the top of the archive/],
      [entry("./a", "directory"), /^Not a file at the top of the archive/],
    ];
    for (const [member, says] of cases) expect((topLevelFile(member) as { problem: string }).problem, member.path).toMatch(says);
  });
});

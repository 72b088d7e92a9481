import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { FileContent, type LfsFile } from "@/components/projects/repository/file-content";
import type { FileView } from "@/lib/repositories";

const OID = "4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393";
const POINTER = `version https://git-lfs.github.com/spec/v1\noid sha256:${OID}\nsize 2500000\n`;
const view = (name: string): FileView => ({ id: "b".repeat(40), path: `assets/${name}`, name, size: POINTER.length, mode: "100644", executable: false, symlink: false, binary: false, content: POINTER, tooLarge: false });
const render = (name: string, lfs: LfsFile | null) => renderToStaticMarkup(createElement(FileContent, { file: view(name), lfs, fullPath: "g/p", refName: "main", commit: "c".repeat(40), plain: false }));

describe("FileContent of a Git LFS pointer", () => {
  it("labels a stored object, gives its size, and offers it as a download instead of the pointer", () => {
    const html = render("model.bin", { oid: OID, size: 2_500_000, stored: true });
    expect(html).toContain("Stored with Git LFS");
    expect(html).toContain("2.4 MiB");
    expect(html).not.toContain(`${POINTER.length} B`);
    expect(html).not.toContain("oid sha256");
    expect(html).toContain("This file is stored with Git LFS (2.4 MiB). Download it to see it.");
    expect(html).toContain('href="/g/p/-/raw/main/assets/model.bin?inline=false"');
  });

  it("shows a stored image from its raw address, which serves the object", () => {
    const html = render("logo.png", { oid: OID, size: 2_500_000, stored: true });
    expect(html).toMatch(/<img src="\/g\/p\/-\/raw\/main\/assets\/logo\.png" alt="logo\.png"/);
  });

  it("shows the pointer with the label and a note when the object is not here", () => {
    const html = render("model.bin", { oid: OID, size: 2_500_000, stored: false });
    expect(html).toContain("Stored with Git LFS");
    expect(html).toContain("The Git LFS object of this file (2.4 MiB) is not stored on this instance: this is its pointer.");
    expect(html).toContain("oid sha256:");
  });

  it("shows an ordinary file as before", () => {
    const html = render("pointer-like.txt", null);
    expect(html).not.toContain("Git LFS");
    expect(html).toContain("oid sha256:");
  });
});

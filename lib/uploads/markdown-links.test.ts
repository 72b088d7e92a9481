import { describe, expect, it } from "vitest";
import { rewriteUploadLinks, type UploadLinkContext } from "./markdown-links";

const SECRET = "72a497a02fe3ee09edae2ed06d390038";
const OTHER = "0123456789abcdef0123456789abcdef";
const known = new Set([`${SECRET}/pixel.png`, `${SECRET}/notes.txt`, `${SECRET}/héllo.png`, "abcdef0123/old.png"]);

const context: UploadLinkContext = {
  sourceUrl: "https://gitlab.example.com",
  sourceFullPath: "Parent/source-group",
  destinationFullPath: "imported/dest",
  resolve: (secret, filename) => (known.has(`${secret}/${filename}`) ? { secret, filename } : undefined),
};
const ferry = (file: string, secret = SECRET) => `/groups/imported/dest/-/uploads/${secret}/${file}`;
const rewrite = (text: string) => rewriteUploadLinks(text, context);

describe("rewriteUploadLinks", () => {
  it("rewrites a markdown link and an image link", () => {
    expect(rewrite(`See [the notes](/uploads/${SECRET}/notes.txt) and ![pixel](/uploads/${SECRET}/pixel.png "a title").`)).toBe(
      `See [the notes](${ferry("notes.txt")}) and ![pixel](${ferry("pixel.png")} "a title").`,
    );
  });

  it("rewrites reference-style links, autolinks, HTML attributes, and links at the start of a line", () => {
    const text = [`[logo]: /uploads/${SECRET}/pixel.png "Logo"`, `<img src="/uploads/${SECRET}/pixel.png" width=10>`, `</uploads/${SECRET}/notes.txt>`, `/uploads/${SECRET}/notes.txt`].join("\n");
    expect(rewrite(text)).toBe(
      [`[logo]: ${ferry("pixel.png")} "Logo"`, `<img src="${ferry("pixel.png")}" width=10>`, `<${ferry("notes.txt")}>`, ferry("notes.txt")].join("\n"),
    );
  });

  it("rewrites absolute links to the source group's uploads, with or without the host, any case, keeping query and fragment", () => {
    expect(rewrite(`![x](https://gitlab.example.com/groups/Parent/source-group/-/uploads/${SECRET}/pixel.png?raw=1#top)`)).toBe(`![x](${ferry("pixel.png")}?raw=1#top)`);
    expect(rewrite(`[n](HTTPS://GITLAB.EXAMPLE.COM/groups/parent/source-group/-/uploads/${SECRET}/notes.txt)`)).toBe(`[n](${ferry("notes.txt")})`);
    expect(rewrite(`[n](/groups/Parent/source-group/-/uploads/${SECRET}/notes.txt)`)).toBe(`[n](${ferry("notes.txt")})`);
  });

  it("encodes names for the URL and finds percent-encoded ones; accepts GitLab's older 10-digit secrets", () => {
    expect(rewrite(`![h](/uploads/${SECRET}/h%C3%A9llo.png) ![h](/uploads/${SECRET}/héllo.png)`)).toBe(`![h](${ferry("h%C3%A9llo.png")}) ![h](${ferry("h%C3%A9llo.png")})`);
    expect(rewrite("![o](/uploads/abcdef0123/old.png)")).toBe(`![o](${ferry("old.png", "abcdef0123")})`);
  });

  it("is a fixed point: an already rewritten text stays as it is, even when the paths are the same", () => {
    const once = rewrite(`[n](/uploads/${SECRET}/notes.txt)`);
    expect(rewrite(once)).toBe(once);
    const samePath = { ...context, destinationFullPath: context.sourceFullPath };
    const first = rewriteUploadLinks(`![p](/uploads/${SECRET}/héllo.png)`, samePath);
    expect(first).toBe(`![p](/groups/Parent/source-group/-/uploads/${SECRET}/h%C3%A9llo.png)`);
    expect(rewriteUploadLinks(first, samePath)).toBe(first);
  });

  it("leaves other hosts, other groups, project uploads, missing uploads and non-links alone", () => {
    const untouched = [
      `![x](https://elsewhere.example.com/groups/Parent/source-group/-/uploads/${SECRET}/pixel.png)`,
      `![x](https://gitlab.example.com/groups/other-group/-/uploads/${SECRET}/pixel.png)`,
      `![x](https://gitlab.example.com/Parent/project/uploads/${SECRET}/pixel.png)`,
      `[gone](/uploads/${OTHER}/pixel.png)`,
      `[gone](/uploads/${SECRET}/missing.png)`,
      `[short](/uploads/1234/pixel.png)`,
      `a/uploads/${SECRET}/pixel.png`,
      "no uploads here",
    ];
    for (const text of untouched) expect(rewrite(text), text).toBe(text);
  });
});

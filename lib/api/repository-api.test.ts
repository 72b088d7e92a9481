import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { DiffFile } from "@/lib/repositories";
import { commitTrailers, diffEntity } from "./entities/repository";
import { contentDisposition, gitlabHeaders, headerValue, jsonWithBase64Content } from "./file-responses";
import { keysetPaginationHeaders, uncountedPaginationHeaders } from "./pagination";
import { rawSegments } from "./repository-route";

describe("commitTrailers", () => {
  it("reads the last paragraph's Key: value lines, last value and all values, folding continuation lines", () => {
    expect(commitTrailers("Fix\n\nBody.\n\nCc: John <j@x>\nSigned-off-by: Ada <a@x>\nCc: Jane <k@x>\n")).toEqual({
      trailers: { Cc: "Jane <k@x>", "Signed-off-by": "Ada <a@x>" },
      extended_trailers: { Cc: ["John <j@x>", "Jane <k@x>"], "Signed-off-by": ["Ada <a@x>"] },
    });
    expect(commitTrailers("Fix\n\nSee-also: a very\n  long value")).toEqual({ trailers: { "See-also": "a very long value" }, extended_trailers: { "See-also": ["a very long value"] } });
  });

  it("finds none in a subject alone or in a last paragraph that is prose", () => {
    const none = { trailers: {}, extended_trailers: {} };
    expect(commitTrailers("Cc: John <j@x>")).toEqual(none);
    expect(commitTrailers("Fix\n\nCc: John <j@x>\nand some prose")).toEqual(none);
    expect(commitTrailers("")).toEqual(none);
  });
});

describe("rawSegments", () => {
  it("takes a route's named segments from the end of the address, still encoded", () => {
    expect(rawSegments("/api/v4/projects/group%2Fproject/repository/files/a%2F100%25.txt/raw", ":id/repository/files/:file_path/raw")).toEqual({ id: "group%2Fproject", file_path: "a%2F100%25.txt" });
    expect(rawSegments("/base/api/v4/projects/7/wikis", ":id/wikis")).toEqual({ id: "7" });
  });

  it("gives a last `*name` every segment left, from the pattern's first place in the address", () => {
    const pattern = ":id/releases/:tag_name/downloads/*direct_asset_path";
    expect(rawSegments("/api/v4/projects/g%2Fp/releases/v%2F1/downloads/bin/a%20b", pattern)).toEqual({ id: "g%2Fp", tag_name: "v%2F1", direct_asset_path: "bin/a%20b" });
    expect(rawSegments("/api/v4/projects/7/releases/v1/downloads", pattern)).toBeNull();
    expect(rawSegments("/api/v4/projects/7/releases/v1/downloads/a//b", pattern)).toBeNull();
  });

  it("answers null when the address does not end as the route does", () => {
    expect(rawSegments("/x", ":id/repository/tree")).toBeNull();
    expect(rawSegments("/api/v4/projects/7/repository/tree", ":id/repository/blobs")).toBeNull();
  });
});

describe("jsonWithBase64Content", () => {
  it("streams content of any size in chunks of any length as one valid base64 string, fields in place", async () => {
    const bytes = Buffer.from(Array.from({ length: 70_001 }, (_, index) => (index * 31) % 256));
    const chunks: Buffer[] = [];
    for (let at = 0, size = 1; at < bytes.length; at += size, size = (size % 17) + 1) chunks.push(bytes.subarray(at, at + size));
    const response = jsonWithBase64Content({ size: bytes.length, encoding: "base64", content: null, sha: "abc\"d" }, Readable.from(chunks), { headers: new Headers({ "x-extra": "1" }) });
    expect([response.headers.get("content-type"), response.headers.get("x-extra")]).toEqual(["application/json", "1"]);
    const text = await response.text();
    const body = JSON.parse(text) as { content: string; sha: string };
    expect(Object.keys(body)).toEqual(["size", "encoding", "content", "sha"]);
    expect(body.sha).toBe('abc"d');
    expect(Buffer.from(body.content, "base64").equals(bytes)).toBe(true);
    expect(body.content).toBe(bytes.toString("base64"));
  });

  it("writes an empty blob as an empty string", async () => {
    const body = (await jsonWithBase64Content({ file_name: "x" }, Readable.from([])).json()) as Json;
    expect(body).toEqual({ file_name: "x", content: "" });
  });
});

type Json = Record<string, unknown>;

describe("headers of files", () => {
  it("sends a name's UTF-8 bytes and drops what would break a header", () => {
    expect(Buffer.from(headerValue("ünï\r\ncode"), "latin1").toString("utf8")).toBe("ünïcode");
    const headers = gitlabHeaders({ file_name: "ü.txt", content_sha256: "ab", execute_filemode: false, ref: undefined });
    expect([...headers]).toEqual([
      ["x-gitlab-content-sha256", "ab"],
      ["x-gitlab-execute-filemode", "false"],
      ["x-gitlab-file-name", Buffer.from("ü.txt").toString("latin1")],
      ["x-gitlab-ref", ""],
    ]);
  });

  it("formats Content-Disposition as Rails does, bare when there is no name", () => {
    expect(contentDisposition("attachment", 'a "b" ü.zip')).toBe(`attachment; filename="a _b_ _.zip"; filename*=UTF-8''a%20%22b%22%20%C3%BC.zip`);
    expect(contentDisposition("inline")).toBe("inline");
  });
});

describe("pagination headers without a count", () => {
  const request = new Request("http://inner:3000/api/v4/projects/1/repository/commits?ref_name=main&private_token=secret&page=2", { headers: { host: "ferry.test" } });

  it("gives x-page, x-per-page, x-next-page, x-prev-page and prev/next/first links, never a total or last", () => {
    const headers = uncountedPaginationHeaders(request, true, { page: 2, perPage: 20 });
    expect(Object.fromEntries(headers)).toEqual({
      "x-page": "2",
      "x-per-page": "20",
      "x-next-page": "3",
      "x-prev-page": "1",
      link: [
        '<http://ferry.test/api/v4/projects/1/repository/commits?ref_name=main&page=1&per_page=20>; rel="prev"',
        '<http://ferry.test/api/v4/projects/1/repository/commits?ref_name=main&page=3&per_page=20>; rel="next"',
        '<http://ferry.test/api/v4/projects/1/repository/commits?ref_name=main&page=1&per_page=20>; rel="first"',
      ].join(", "),
    });
    expect(uncountedPaginationHeaders(request, false, { page: 1, perPage: 20 }).get("x-next-page")).toBe("");
  });

  it("gives a keyset Link to the next page only", () => {
    expect(keysetPaginationHeaders(request, { page_token: "a b" }).get("link")).toBe('<http://ferry.test/api/v4/projects/1/repository/commits?ref_name=main&page=2&page_token=a+b>; rel="next"');
    expect([...keysetPaginationHeaders(request, null)]).toEqual([]);
  });
});

describe("diffEntity", () => {
  const file: DiffFile = {
    old_path: "a.txt",
    new_path: "a.txt",
    a_mode: "0",
    b_mode: "100644",
    new_file: true,
    renamed_file: false,
    deleted_file: false,
    diff: "@@ -0,0 +1 @@\n+a\n",
    collapsed: false,
    too_large: false,
    binary: false,
  };

  it("adds unified diff headers on request, /dev/null for a new file's old side, never to a binary or empty patch", () => {
    expect(diffEntity(file).diff).toBe("@@ -0,0 +1 @@\n+a\n");
    expect(diffEntity(file, true).diff).toBe("--- /dev/null\n+++ b/a.txt\n@@ -0,0 +1 @@\n+a\n");
    expect(diffEntity({ ...file, binary: true, diff: "Binary files /dev/null and b/a.txt differ\n" }, true).diff).toBe("Binary files /dev/null and b/a.txt differ\n");
    expect(diffEntity({ ...file, diff: "" }, true).diff).toBe("");
    expect(Object.keys(diffEntity(file))).toEqual(["diff", "collapsed", "too_large", "new_path", "old_path", "a_mode", "b_mode", "new_file", "renamed_file", "deleted_file", "generated_file"]);
  });
});

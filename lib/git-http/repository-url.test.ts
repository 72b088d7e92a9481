import { describe, expect, it } from "vitest";
import { pushReport } from "./push-report";
import { parseGitAddress, parseLfsAddress } from "./repository-url";

const parse = (path: string) => parseGitAddress(path.split("/"));

describe("parseGitAddress", () => {
  it("reads a project's or a wiki's full path and the protocol step", () => {
    expect(parse("a/b.git/info/refs")).toEqual({ fullPath: "a/b", kind: "project", action: "info/refs", withoutGitSuffix: false });
    expect(parse("a/sub/B-c.d_e.git/git-upload-pack")).toEqual({ fullPath: "a/sub/B-c.d_e", kind: "project", action: "git-upload-pack", withoutGitSuffix: false });
    expect(parse("a/b.wiki.git/git-receive-pack")).toEqual({ fullPath: "a/b", kind: "wiki", action: "git-receive-pack", withoutGitSuffix: false });
    expect(parse("a/b/info/refs")).toEqual({ fullPath: "a/b", kind: "project", action: "info/refs", withoutGitSuffix: true });
    expect(parse("a/b.wiki/info/refs")).toEqual({ fullPath: "a/b", kind: "wiki", action: "info/refs", withoutGitSuffix: true });
  });

  it("names nothing for a path GitLab would not take, whether the segments came decoded or not", () => {
    const refused = [
      "a/b.git/HEAD",
      "a/b.git/info/refs/x",
      "a/b/git-upload-pack",
      "b.git/info/refs",
      ".git/info/refs",
      "a/.git/info/refs",
      "a/..git/info/refs",
      "a/../b.git/info/refs",
      "a/./b.git/info/refs",
      "../a/b.git/info/refs",
      "a/b%2Fc.git/info/refs",
      "a/b%2F..%2Fc.git/info/refs",
      "a/b.git.git/info/refs",
      "a.git/b.git/info/refs",
      "a/b.atom.git/info/refs",
      "a/-/b.git/info/refs",
      "a/-b.git/info/refs",
      "a/b..git/info/refs",
      "a/b\0.git/info/refs",
      "a/b\\c.git/info/refs",
      "a/bé.git/info/refs",
      "a//b.git/info/refs",
      "a/.wiki.git/info/refs",
      `a/${"b".repeat(1100)}.git/info/refs`,
    ];
    for (const path of refused) expect(parse(path), path).toBeNull();
    // A segment that Next decoded into a slash.
    expect(parseGitAddress(["a", "b/c.git", "info", "refs"])).toBeNull();
    expect(parseGitAddress(["a", "b.git", "info/refs"])).toBeNull();
  });
});

describe("parseLfsAddress", () => {
  const oid = "0123456789abcdef".repeat(4);
  const lfs = (path: string) => parseLfsAddress(path.split("/"));

  it("reads the batch API and an object's address of a project's code", () => {
    expect(lfs("a/sub/b.git/info/lfs/objects/batch")).toEqual({ fullPath: "a/sub/b", action: "batch" });
    expect(lfs(`a/b.git/gitlab-lfs/objects/${oid}`)).toEqual({ fullPath: "a/b", action: "object", oid });
  });

  it("names nothing else: no .git, a wiki, a short or upper-case oid, one segment, a smart HTTP address", () => {
    for (const path of ["a/b/info/lfs/objects/batch", "a/b.wiki.git/info/lfs/objects/batch", `a/b.git/gitlab-lfs/objects/${oid.slice(1)}`, `a/b.git/gitlab-lfs/objects/${oid.toUpperCase()}`, "b.git/info/lfs/objects/batch", "a/b.git/info/refs", "a/../b.git/info/lfs/objects/batch", "info/lfs/objects/batch"]) {
      expect(lfs(path), path).toBeNull();
    }
  });
});

describe("pushReport", () => {
  const pkt = (text: string) => `${(text.length + 4).toString(16).padStart(4, "0")}${text}`;

  it("finds an updated ref in receive-pack's report, in side-band packets and split across chunks", () => {
    const report = `${pkt("unpack ok\n")}${pkt("ok refs/heads/feature\n")}0000`;
    const sideband = Buffer.from(pkt(`\x01${report}`) + "0000");
    const split = pushReport();
    for (let at = 0; at < sideband.length; at += 7) split.scan(sideband.subarray(at, at + 7));
    expect(split.accepted).toBe(true);

    const refused = pushReport();
    refused.scan(Buffer.from(pkt(`\x01${pkt("unpack ok\n")}${pkt("ng refs/heads/main pre-receive hook declined\n")}0000`)));
    refused.scan(Buffer.from(pkt("\x02remote: ok refs/heads/main is protected\n")));
    expect(refused.accepted).toBe(false);
  });
});

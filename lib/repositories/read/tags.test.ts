import { execFileSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { git, temporaryDirectory } from "@/test/helpers/git-client";
import { buildSampleRepository, type SampleRepository } from "./_test/sample-repository";
import { getCommit } from "./commit-detail";
import { listTags, tag } from "./tags";

const root = temporaryDirectory("ferry-read-tags-");
let sample: SampleRepository;

beforeAll(async () => {
  sample = await buildSampleRepository(root);
});

describe("listTags", () => {
  it("shows annotated tags with their message, object and date, lightweight ones with their commit", async () => {
    const { repo, sha } = sample;
    const page = await listTags(repo, { orderBy: "name", sort: "asc" });
    expect(page.total).toBe(3);
    const [v10, v20, v21] = page.tags;
    expect(v10).toEqual({ name: "v1.0", message: null, target: sha.files, commit: await getCommit(repo, sha.files, { stats: false }), release: null, protected: false, created_at: null });
    expect(v20).toMatchObject({ name: "v2.0", message: "Release 2.0\n\nThe notes.", target: await git(repo, ["rev-parse", "v2.0"]), commit: { id: sha.merge } });
    expect(v20!.target).not.toBe(sha.merge);
    expect(v20!.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000[+-]\d\d:\d\d$/);
    expect(v21).toMatchObject({ name: "v2.1", message: null, target: sha.big, commit: { id: sha.big } });
  });

  it("orders by name, version or date, either way, and searches names", async () => {
    const names = async (options: Parameters<typeof listTags>[1]) => (await listTags(sample.repo, options)).tags.map((item) => item.name);
    expect(await names({ orderBy: "name", sort: "desc" })).toEqual(["v2.1", "v2.0", "v1.0"]);
    expect(await names({ orderBy: "version", sort: "asc" })).toEqual(["v1.0", "v2.0", "v2.1"]);
    expect(await names({})).toEqual((await git(sample.repo, ["for-each-ref", "--sort=-creatordate", "--format=%(refname:short)", "refs/tags/"])).split("\n"));
    expect(await names({ search: "^v2", orderBy: "name", sort: "asc" })).toEqual(["v2.0", "v2.1"]);
    expect(await names({ search: ".0$", orderBy: "name", sort: "asc" })).toEqual(["v1.0", "v2.0"]);
    const second = await listTags(sample.repo, { orderBy: "name", sort: "asc", page: 2, perPage: 2 });
    expect({ names: second.tags.map((item) => item.name), total: second.total }).toEqual({ names: ["v2.1"], total: 3 });
  });

  it("drops a signature from the message and shows a tag of a tree without a commit", async () => {
    const { repo } = sample;
    const tree = await git(repo, ["rev-parse", "main^{tree}"]);
    const object = [`object ${sample.sha.head}`, "type commit", "tag v3.0-signed", "tagger Ada Lovelace <ada@example.com> 1348121172 +0300", "", "Signed release", "-----BEGIN PGP SIGNATURE-----", "", "iQEzBAABCAAdFiEE", "-----END PGP SIGNATURE-----", ""].join("\n");
    const id = execFileSync("git", ["--git-dir", repo, "hash-object", "-t", "tag", "-w", "--stdin"], { input: object }).toString().trim();
    await git(repo, ["update-ref", "refs/tags/v3.0-signed", id]);
    await git(repo, ["tag", "tree-tag", tree]);
    expect(await tag(repo, "v3.0-signed")).toMatchObject({ message: "Signed release", created_at: "2012-09-20T09:06:12.000+03:00", target: id, commit: { id: sample.sha.head } });
    expect(await tag(repo, "tree-tag")).toMatchObject({ message: null, target: tree, commit: null });
  });
});

describe("tag", () => {
  it("finds one tag by its exact name, or answers 404 Tag Not Found", async () => {
    expect((await tag(sample.repo, "v2.0")).message).toBe("Release 2.0\n\nThe notes.");
    for (const name of ["v2", "nope", "-v", "v2.0^{}", "refs/tags/v2.0"]) await expect(tag(sample.repo, name), name).rejects.toThrow("404 Tag Not Found");
  });
});

import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES_ROOT } from "./fixture-loader";
import { startTestSource, type TestSource } from "./server";
import { api, exportAndWait, json } from "./test-client";

// The answers must have (at least) the fields of GitLab's documented examples, which other tests and Ferry's own
// API contract tests compare against.

const example = (file: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES_ROOT, "api_examples", file), "utf8")) as Record<string, unknown>;
const keys = (value: unknown) => Object.keys(value as object).sort();

let source: TestSource;
beforeAll(async () => {
  source = await startTestSource({ exportDelayMs: 0 });
});
afterAll(() => source.close());

describe("documented response shapes", () => {
  it("GET /groups items carry the documented fields", async () => {
    const documented = (example("groups.from_doc.json")["GET /groups"] as unknown[])[0];
    const [group] = await json<unknown[]>(await api(source, "/groups?top_level_only=true"));
    // repository_storage is shown to administrators only.
    expect(keys(group)).toEqual(expect.arrayContaining(keys(documented).filter((k) => k !== "repository_storage")));
  });

  it("GET /groups/:id carries the documented fields", async () => {
    const documented = example("groups.from_doc.json")["GET /groups/:id"];
    const group = await json(await api(source, "/groups/4351"));
    expect(keys(group)).toEqual(expect.arrayContaining(keys(documented).filter((k) => k !== "repository_storage")));
    const lean = example("groups.from_doc.json")["GET /groups/:id?with_projects=false"];
    const leanGroup = await json(await api(source, "/groups/4351?with_projects=false"));
    expect(keys(leanGroup)).toEqual(expect.arrayContaining(keys(lean).filter((k) => k !== "repository_storage")));
  });

  it("GET /personal_access_tokens/self has exactly the documented fields", async () => {
    const documented = (example("personal_access_tokens.from_doc.json")["GET /personal_access_tokens (example response)"] as unknown[])[0];
    expect(keys(await json(await api(source, "/personal_access_tokens/self")))).toEqual(keys(documented));
  });

  it("GET /version and the export status have the documented fields", async () => {
    const doc = example("version_and_group_export_relations.from_doc.json");
    expect(keys(await json(await api(source, "/version")))).toEqual(keys(doc["GET /version"]));
    const [batchedDoc, wholeDoc] = doc["GET /groups/:id/export_relations/status"] as Record<string, unknown>[];
    const batched = (await exportAndWait(source, 4351, true)).find((s) => s.relation === "badges");
    expect(keys(batched)).toEqual(expect.arrayContaining(keys(batchedDoc)));
    expect(keys(batched?.batches?.[0])).toEqual(keys((batchedDoc?.batches as unknown[])[0]));
    const whole = (await exportAndWait(source, 4351, false)).find((s) => s.relation === "boards");
    expect(keys(whole)).toEqual(expect.arrayContaining(keys(wholeDoc)));
    expect(whole).not.toHaveProperty("batches");
  });
});

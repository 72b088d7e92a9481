import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FIXTURES_ROOT } from "./fixture-loader";
import { startTestSource, type TestSource } from "./server";
import { api, json } from "./test-client";

let source: TestSource | undefined;
afterEach(async () => {
  await source?.close();
  source = undefined;
});

const metadataSchema = JSON.parse(
  fs.readFileSync(path.join(FIXTURES_ROOT, "gitlabhq/spec/fixtures/api/schemas/public_api/v4/metadata.json"), "utf8"),
) as { required: string[]; properties: Record<string, { required?: string[] }> };

describe("instance endpoints", () => {
  it("reports the configured version and revision", async () => {
    source = await startTestSource({ version: "16.1.0", revision: "abc123" });
    const response = await api(source, "/version");
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ version: "16.1.0", revision: "abc123" });
  });

  it("can hide /version so that clients fall back to /metadata, which matches GitLab's schema", async () => {
    source = await startTestSource({ version: "17.8.0-ee", versionEndpoint: false });
    const version = await api(source, "/version");
    expect(version.status).toBe(404);
    expect(await json(version)).toEqual({ error: "404 Not Found" });

    const metadata = await json<Record<string, unknown>>(await api(source, "/metadata"));
    expect(Object.keys(metadata).sort()).toEqual([...metadataSchema.required].sort());
    expect(Object.keys(metadata.kas as object).sort()).toEqual([...(metadataSchema.properties.kas?.required ?? [])].sort());
    expect(metadata).toMatchObject({ version: "17.8.0-ee", enterprise: true });
  });

  it("derives enterprise from the version and has no /metadata before 15.2", async () => {
    source = await startTestSource({ version: "15.4.0" });
    expect(await json(await api(source, "/metadata"))).toMatchObject({ enterprise: false });
    source.config.version = "15.0.0";
    expect((await api(source, "/metadata")).status).toBe(404);
  });

  it("describes the token on /personal_access_tokens/self from 15.5 only", async () => {
    source = await startTestSource({
      version: "15.5.0",
      tokens: [{ token: "reader", scopes: ["read_api"], userId: 7, name: "ci", expiresAt: "2999-01-01" }],
    });
    const self = await json<Record<string, unknown>>(await api(source, "/personal_access_tokens/self", { token: "reader" }));
    expect(self).toMatchObject({ scopes: ["read_api"], user_id: 7, active: true, revoked: false, name: "ci", expires_at: "2999-01-01" });
    source.config.version = "15.4.3";
    const old = await api(source, "/personal_access_tokens/self", { token: "reader" });
    expect(old.status).toBe(404);
  });

  it("answers /user for the token's user and /users/:id for users of the fixtures' members", async () => {
    source = await startTestSource();
    expect(await json(await api(source, "/user"))).toMatchObject({ id: 1, username: "root", is_admin: false });
    const member = await json<Record<string, unknown>>(await api(source, "/users/271"));
    expect(member).toMatchObject({ id: 271, username: "charlesetta", public_email: "garret@connellystark.ca", state: "active" });
    expect(member.web_url).toBe(`${source.url}/charlesetta`);
    const missing = await api(source, "/users/999999");
    expect(missing.status).toBe(404);
    expect(await json(missing)).toEqual({ message: "404 User Not Found" });
  });
});

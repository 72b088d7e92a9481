import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSecrets } from "./secrets";

describe("secrets", () => {
  it("generates secrets once, keeps them with 0600 permissions, and lets the environment override", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ferry-secrets-"));
    const first = loadSecrets(dir, {});
    expect(first.authSecret.length).toBeGreaterThanOrEqual(32);
    expect(Buffer.from(first.encryptionKey, "base64")).toHaveLength(32);
    expect(fs.statSync(path.join(dir, "secrets.json")).mode & 0o777).toBe(0o600);
    expect(loadSecrets(dir, {})).toEqual(first);
    expect(loadSecrets(dir, { authSecret: "x".repeat(40) }).authSecret).toBe("x".repeat(40));
    expect(loadSecrets(dir, {}).authSecret).toBe(first.authSecret);
    fs.rmSync(dir, { recursive: true });
  });
});

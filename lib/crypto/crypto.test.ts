import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, DecryptionError, encryptSecret } from "./index";

describe("secret encryption", () => {
  it("round-trips, never stores the plaintext, and uses a fresh IV each time", () => {
    const token = "glpat-source-token-value";
    const a = encryptSecret(token);
    const b = encryptSecret(token);
    expect(a).not.toContain(token);
    expect(a).not.toBe(b);
    expect(decryptSecret(a)).toBe(token);
  });

  it("refuses tampered values and other keys", () => {
    const stored = encryptSecret("secret");
    const parts = stored.split(":");
    const flipped = Buffer.from(parts[3]!, "base64");
    flipped[0] = flipped[0]! ^ 1;
    expect(() => decryptSecret([...parts.slice(0, 3), flipped.toString("base64")].join(":"))).toThrow(DecryptionError);
    expect(() => decryptSecret(stored, randomBytes(32))).toThrow(DecryptionError);
    expect(() => decryptSecret("garbage")).toThrow(DecryptionError);
  });
});

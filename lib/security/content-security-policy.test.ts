import { describe, expect, it } from "vitest";
import { createNonce, pageContentSecurityPolicy } from "./content-security-policy";

const directives = (policy: string) => new Map(policy.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1).join(" ")]));

describe("pageContentSecurityPolicy", () => {
  it("allows only scripts that carry the nonce, and none of the dangerous defaults", () => {
    const policy = directives(pageContentSecurityPolicy({ nonce: "abc", https: false, development: false }));
    expect(policy.get("script-src")).toBe("'self' 'nonce-abc' 'strict-dynamic'");
    expect(policy.get("object-src")).toBe("'none'");
    expect(policy.get("base-uri")).toBe("'self'");
    expect(policy.get("form-action")).toBe("'self'");
    expect(policy.get("frame-ancestors")).toBe("'none'");
    expect(policy.get("connect-src")).toBe("'self'");
    expect(policy.get("img-src")).toBe("'self' data: blob: https: http:");
    expect(policy.has("upgrade-insecure-requests")).toBe(false);
    expect([...policy.values()].join(" ")).not.toContain("unsafe-eval");
  });

  it("upgrades requests and keeps images on https when served over https", () => {
    const policy = directives(pageContentSecurityPolicy({ nonce: "abc", https: true, development: false }));
    expect(policy.get("img-src")).toBe("'self' data: blob: https:");
    expect(policy.has("upgrade-insecure-requests")).toBe(true);
  });

  it("allows eval in development only", () => {
    expect(pageContentSecurityPolicy({ nonce: "n", https: false, development: true })).toContain("script-src 'self' 'nonce-n' 'strict-dynamic' 'unsafe-eval';");
  });
});

describe("createNonce", () => {
  it("gives 128 random bits in base64, new each time", () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

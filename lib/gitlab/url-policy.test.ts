import type dns from "node:dns";
import { describe, expect, it } from "vitest";
import { SourceError } from "./errors";
import { createPolicyLookup, normaliseSourceUrl, type ResolvedAddress } from "./url-policy";

function kindOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SourceError);
    return (error as SourceError).kind;
  }
  return undefined;
}

describe("normaliseSourceUrl", () => {
  it.each([
    ["  https://gitlab.example.com/  ", "https://gitlab.example.com"],
    ["https://gitlab.example.com///", "https://gitlab.example.com"],
    ["https://GitLab.Example.COM", "https://gitlab.example.com"],
    ["https://gitlab.example.com:443/", "https://gitlab.example.com"],
    ["https://gitlab.example.com:8443", "https://gitlab.example.com:8443"],
    ["https://example.com/gitlab/", "https://example.com/gitlab"],
    ["https://example.com/tools/gitlab//", "https://example.com/tools/gitlab"],
    ["https://gitlab.example.com/api/v4/", "https://gitlab.example.com"],
    ["https://example.com/gitlab/api/v4", "https://example.com/gitlab"],
    ["gitlab.example.com", "https://gitlab.example.com"],
    ["https://8.8.8.8/", "https://8.8.8.8"],
  ])("%j becomes %s", (input, expected) => {
    expect(normaliseSourceUrl(input)).toBe(expected);
  });

  it.each(["", "   ", "https://", "https://exa mple.com", "http://[::1", "https://user:pass@gitlab.example.com", "https://gitlab.example.com/?a=1", "https://gitlab.example.com/#top"])(
    "%j is malformed",
    (input) => {
      expect(kindOf(() => normaliseSourceUrl(input))).toBe("malformed_url");
    },
  );

  it("refuses http unless insecure sources are allowed, and other schemes always", () => {
    expect(kindOf(() => normaliseSourceUrl("http://gitlab.example.com"))).toBe("insecure_scheme");
    expect(normaliseSourceUrl("http://gitlab.example.com/", { allowInsecure: true })).toBe("http://gitlab.example.com");
    expect(kindOf(() => normaliseSourceUrl("ftp://gitlab.example.com", { allowInsecure: true }))).toBe("insecure_scheme");
    expect(kindOf(() => normaliseSourceUrl("file:///etc/passwd", { allowInsecure: true }))).toBe("insecure_scheme");
  });

  it.each([
    "https://127.0.0.1",
    "https://127.0.0.1:8080/gitlab",
    "https://10.0.0.5",
    "https://192.168.1.10",
    "https://172.20.0.1",
    "https://100.100.0.1",
    "https://0.0.0.0",
    "https://[::1]",
    "https://[::ffff:127.0.0.1]",
    "https://[::ffff:a00:1]",
    "https://[fd00::1]",
    "https://0x7f.1",
    "https://2130706433",
    "https://224.0.0.1",
  ])("refuses the literal address in %s", (input) => {
    expect(kindOf(() => normaliseSourceUrl(input))).toBe("local_address");
    expect(normaliseSourceUrl(input, { allowLocal: true })).toMatch(/^https:\/\//);
  });

  it.each([
    "https://169.254.169.254",
    "https://169.254.170.2/gitlab",
    "https://[fe80::1]",
    "https://[::ffff:169.254.169.254]",
    "https://[::ffff:a9fe:a9fe]",
    "https://100.100.100.200",
    "https://192.0.0.192",
    "https://[fd00:ec2::254]",
  ])("refuses the link-local or metadata address in %s even when local sources are allowed", (input) => {
    expect(kindOf(() => normaliseSourceUrl(input))).toBe("local_address");
    expect(kindOf(() => normaliseSourceUrl(input, { allowLocal: true }))).toBe("local_address");
    expect(kindOf(() => normaliseSourceUrl(input, { allowLocal: true, allowList: ["0.0.0.0/0", "::/0", input.replace(/^https:\/\/\[?|\]?(\/.*)?$/g, "")] }))).toBe(
      "local_address",
    );
    expect(normaliseSourceUrl(input, { allowLinkLocal: true })).toMatch(/^https:\/\//);
    expect(normaliseSourceUrl(input, { allowLocal: true, allowLinkLocal: true })).toMatch(/^https:\/\//);
  });

  it("names the setting that opens link-local addresses", () => {
    expect(() => normaliseSourceUrl("https://169.254.169.254", { allowLocal: true })).toThrow(
      "The source URL points to a link-local address, 169.254.169.254, which is not allowed. Link-local and cloud metadata addresses are allowed only when the server sets FERRY_ALLOW_LINK_LOCAL_SOURCES.",
    );
    expect(() => normaliseSourceUrl("https://100.100.100.200")).toThrow("points to a cloud-metadata address, 100.100.100.200");
  });

  it("lets an allow-listed address through", () => {
    expect(kindOf(() => normaliseSourceUrl("https://10.1.2.3"))).toBe("local_address");
    expect(normaliseSourceUrl("https://10.1.2.3", { allowList: ["10.1.0.0/16"] })).toBe("https://10.1.2.3");
    expect(kindOf(() => normaliseSourceUrl("https://10.2.0.1", { allowList: ["10.1.0.0/16"] }))).toBe("local_address");
  });

  it("says what is wrong in words a user can act on", () => {
    expect(() => normaliseSourceUrl("https://127.0.0.1")).toThrow(
      "The source URL points to a loopback address, 127.0.0.1, which is not allowed. An administrator can allow local sources.",
    );
    expect(() => normaliseSourceUrl("http://gitlab.example.com")).toThrow("The source URL must use https://.");
  });
});

describe("createPolicyLookup", () => {
  function lookupWith(addresses: ResolvedAddress[], options: { allowLocal?: boolean; allowLinkLocal?: boolean } = {}, all = true) {
    const lookup = createPolicyLookup({ ...options, resolve: async () => addresses });
    return new Promise<{ error: Error | null; result: unknown; family?: number }>((resolve) => {
      lookup("gitlab.test", { all } as dns.LookupOptions, (error, result, family) => resolve({ error, result, family }));
    });
  }

  it("hands every address to the socket when all are public", async () => {
    const addresses: ResolvedAddress[] = [
      { address: "8.8.8.8", family: 4 },
      { address: "2606:4700:4700::1111", family: 6 },
    ];
    expect(await lookupWith(addresses)).toEqual({ error: null, result: addresses, family: undefined });
    expect(await lookupWith(addresses, {}, false)).toEqual({ error: null, result: "8.8.8.8", family: 4 });
  });

  it("refuses a host when any of its addresses is forbidden", async () => {
    const { error } = await lookupWith([
      { address: "8.8.8.8", family: 4 },
      { address: "10.0.0.1", family: 4 },
    ]);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).kind).toBe("local_address");
    expect(error?.message).toContain("gitlab.test (10.0.0.1)");
  });

  it("allows forbidden addresses when local sources are allowed", async () => {
    const { error } = await lookupWith([{ address: "127.0.0.1", family: 4 }], { allowLocal: true });
    expect(error).toBeNull();
  });

  it.each(["169.254.169.254", "fe80::1", "100.100.100.200", "fd00:ec2::254", "::ffff:169.254.169.254"])(
    "refuses a name that resolves to %s even when local sources are allowed",
    async (address) => {
      const resolved: ResolvedAddress[] = [
        { address: "8.8.8.8", family: 4 },
        { address, family: address.includes(":") ? 6 : 4 },
      ];
      for (const all of [true, false]) {
        const { error } = await lookupWith(resolved, { allowLocal: true }, all);
        expect((error as SourceError).kind).toBe("local_address");
        expect(error?.message).toContain(`gitlab.test (${address})`);
        expect(error?.message).toContain("FERRY_ALLOW_LINK_LOCAL_SOURCES");
      }
    },
  );

  it("refuses a name whose IPv6 answer is link-local when only IPv4 is asked for", async () => {
    // The whole answer is judged, not the family the socket picks: a later connection could pick the other one.
    const { error } = await lookupWith(
      [
        { address: "8.8.8.8", family: 4 },
        { address: "fe80::1", family: 6 },
      ],
      { allowLocal: true },
      false,
    );
    expect((error as SourceError).kind).toBe("local_address");
  });

  it("allows link-local answers only with their own setting", async () => {
    const resolved: ResolvedAddress[] = [{ address: "169.254.169.254", family: 4 }];
    expect((await lookupWith(resolved, { allowLinkLocal: true })).error).toBeNull();
    expect((await lookupWith([{ address: "10.0.0.1", family: 4 }], { allowLinkLocal: true })).error).toBeInstanceOf(SourceError);
  });

  it("reports a name without addresses as not found", async () => {
    const { error } = await lookupWith([]);
    expect((error as NodeJS.ErrnoException).code).toBe("ENOTFOUND");
  });
});

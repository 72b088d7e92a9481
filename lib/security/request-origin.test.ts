import { describe, expect, it } from "vitest";
import { isAllowedOriginHost, isCrossOriginWrite, requestHost } from "./request-origin";

const headers = (values: Record<string, string>) => new Headers(values);

describe("isCrossOriginWrite", () => {
  it("lets reads through from anywhere", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      expect(isCrossOriginWrite(method, headers({ host: "ferry.test", origin: "https://evil.example" }))).toBe(false);
    }
  });

  it("refuses a write whose Origin is another host", () => {
    expect(isCrossOriginWrite("POST", headers({ host: "ferry.test", origin: "https://evil.example", "next-action": "abc" }))).toBe(true);
    expect(isCrossOriginWrite("DELETE", headers({ host: "ferry.test", origin: "https://evil.example" }))).toBe(true);
    // Another port is another origin.
    expect(isCrossOriginWrite("POST", headers({ host: "ferry.test:3000", origin: "http://ferry.test:4000" }))).toBe(true);
    expect(isCrossOriginWrite("POST", headers({ host: "ferry.test", origin: "null" }))).toBe(true);
    expect(isCrossOriginWrite("POST", headers({ host: "ferry.test", origin: "not a url" }))).toBe(true);
  });

  it("accepts a write from the host the request is addressed to, forwarded host first", () => {
    expect(isCrossOriginWrite("POST", headers({ host: "localhost:3210", origin: "http://localhost:3210" }))).toBe(false);
    expect(isCrossOriginWrite("POST", headers({ host: "Ferry.Test", origin: "https://ferry.test" }))).toBe(false);
    const proxied = { host: "10.0.0.5:3000", "x-forwarded-host": "ferry.example.com, internal", origin: "https://ferry.example.com" };
    expect(isCrossOriginWrite("POST", headers(proxied))).toBe(false);
    expect(isCrossOriginWrite("POST", headers({ ...proxied, origin: "http://10.0.0.5:3000" }))).toBe(true);
  });

  it("accepts the allowed origins of the configuration", () => {
    const request = headers({ host: "localhost:3000", origin: "https://app.proxy.example" });
    expect(isCrossOriginWrite("POST", request, ["*.proxy.example"])).toBe(false);
    expect(isCrossOriginWrite("POST", request, ["proxy.example"])).toBe(true);
  });

  it("falls back to Sec-Fetch-Site without an Origin, and lets scripts without either through", () => {
    expect(isCrossOriginWrite("POST", headers({ host: "ferry.test", "sec-fetch-site": "cross-site" }))).toBe(true);
    expect(isCrossOriginWrite("POST", headers({ host: "ferry.test", "sec-fetch-site": "same-site" }))).toBe(true);
    expect(isCrossOriginWrite("POST", headers({ host: "ferry.test", "sec-fetch-site": "same-origin" }))).toBe(false);
    expect(isCrossOriginWrite("POST", headers({ host: "ferry.test" }))).toBe(false);
  });
});

describe("isAllowedOriginHost", () => {
  // The table of Next.js's serverActions.allowedOrigins documentation.
  it.each([
    ["my-proxy.com", "my-proxy.com", true],
    ["my-proxy.com", "my-proxy.com:8443", false],
    ["my-proxy.com", "app.my-proxy.com", false],
    ["*.my-proxy.com", "app.my-proxy.com", true],
    ["*.my-proxy.com", "my-proxy.com", false],
    ["*.my-proxy.com", "a.b.my-proxy.com", false],
    ["**.my-proxy.com", "app.my-proxy.com", true],
    ["**.my-proxy.com", "app.eu.my-proxy.com", true],
    ["**.my-proxy.com", "my-proxy.com", false],
    ["my-proxy.com:8443", "my-proxy.com:8443", true],
    ["MY-PROXY.com", "my-proxy.COM", true],
    ["*", "evil.example", false],
    ["**", "evil.example", false],
    ["a.**.com", "a.b.com", false],
    ["", "", false],
  ])("%s matches %s: %s", (entry, host, expected) => {
    expect(isAllowedOriginHost(host, [entry])).toBe(expected);
  });
});

describe("requestHost", () => {
  it("takes the first forwarded host, else Host", () => {
    expect(requestHost(headers({ host: "a:1", "x-forwarded-host": " b:2 , c" }))).toBe("b:2");
    expect(requestHost(headers({ host: "A:1" }))).toBe("a:1");
    expect(requestHost(headers({}))).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { isHttpsRequest } from "./request-protocol";

describe("isHttpsRequest", () => {
  it("believes the proxy's first x-forwarded-proto, else the request's own scheme", () => {
    expect(isHttpsRequest(new URL("http://ferry.test/"), new Headers({ "x-forwarded-proto": "https" }))).toBe(true);
    expect(isHttpsRequest(new URL("http://ferry.test/"), new Headers({ "x-forwarded-proto": "HTTPS, http" }))).toBe(true);
    expect(isHttpsRequest(new URL("https://ferry.test/"), new Headers({ "x-forwarded-proto": "http" }))).toBe(false);
    expect(isHttpsRequest(new URL("https://ferry.test/"), new Headers())).toBe(true);
    expect(isHttpsRequest(new URL("http://ferry.test/"), new Headers())).toBe(false);
  });
});

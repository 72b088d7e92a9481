import { describe, expect, it } from "vitest";
import { proxySees } from "@/test/helpers/next-rewrites";

describe("what proxy.ts sees", () => {
  it("leaves the site's icons to Next (a signed-out browser asks for them on the sign-in page)", () => {
    expect(proxySees("/icon.svg")).toBe(false);
    expect(proxySees("/favicon.ico")).toBe(false);
  });

  it("sees every page of a group or project whose path starts like an icon's, for its policy and sign-in", () => {
    for (const url of ["/icon.svg/app", "/icon.svg/app/-/tree/main", "/favicon.ico/x", "/favicon.icons/x", "/groups/icon.svg"]) expect(proxySees(url), url).toBe(true);
  });
});

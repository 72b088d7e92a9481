import { describe, expect, it } from "vitest";
import { parseConfig } from "./index";

const env = (values: Record<string, string>) => ({ NODE_ENV: "test", ...values }) as NodeJS.ProcessEnv;

describe("FERRY_ALLOW_LINK_LOCAL_SOURCES", () => {
  it("is off unless set, and apart from FERRY_ALLOW_LOCAL_SOURCES", () => {
    expect(parseConfig(env({})).FERRY_ALLOW_LINK_LOCAL_SOURCES).toBe(false);
    expect(parseConfig(env({ FERRY_ALLOW_LOCAL_SOURCES: "true" })).FERRY_ALLOW_LINK_LOCAL_SOURCES).toBe(false);
    expect(parseConfig(env({ FERRY_ALLOW_LINK_LOCAL_SOURCES: "true" })).FERRY_ALLOW_LINK_LOCAL_SOURCES).toBe(true);
    expect(() => parseConfig(env({ FERRY_ALLOW_LINK_LOCAL_SOURCES: "yes" }))).toThrow("FERRY_ALLOW_LINK_LOCAL_SOURCES");
  });
});

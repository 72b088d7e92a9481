import { beforeAll, describe, expect, it } from "vitest";
import { SourceError } from "@/lib/gitlab";
import { makeUser } from "@/test/helpers/factories";
import { DEFAULT_TOKEN, startTestSource, type TestSource } from "@/test/source";
import { connect, getConnection } from "./index";

// The defaults of a real installation: https only, no local addresses (see connections.test.ts for the opposite).
process.env.FERRY_ALLOW_LOCAL_SOURCES = "false";
process.env.FERRY_ALLOW_INSECURE_SOURCES = "false";

let source: TestSource;
beforeAll(async () => {
  source = await startTestSource({ groups: [] });
  return () => source.close();
});

describe("connect under the default URL policy", () => {
  it("refuses http:// before sending anything", async () => {
    const user = await makeUser();
    const error = await connect(user.id, source.url, DEFAULT_TOKEN).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).kind).toBe("insecure_scheme");
    expect((error as SourceError).message).toBe("The source URL must use https://. An administrator can allow http:// sources.");
    expect(source.requests).toHaveLength(0);
    expect(await getConnection(user.id)).toBeNull();
  });

  it("refuses a loopback address", async () => {
    const user = await makeUser();
    const error = await connect(user.id, source.url.replace("http://", "https://"), DEFAULT_TOKEN).catch((e: unknown) => e);
    expect((error as SourceError).kind).toBe("local_address");
    expect((error as SourceError).message).toBe(
      `The source URL points to a loopback address, ${new URL(source.url).hostname}, which is not allowed. An administrator can allow local sources.`,
    );
    expect(source.requests).toHaveLength(0);
  });
});

import { afterAll, beforeAll } from "vitest";
import { startTestSource, type TestSource, type TestSourceOptions } from "@/test/source";

/**
 * A test source (the GitLab stand-in) for one test file, started before its tests and closed after them; `prepare`
 * adds its users, relations, avatars... Call at the top level of the file; the accessor works once the tests run.
 */
export function runTestSource(options: TestSourceOptions, prepare?: (source: TestSource) => void): () => TestSource {
  let source: TestSource | undefined;
  beforeAll(async () => {
    source = await startTestSource(options);
    prepare?.(source);
  });
  afterAll(async () => {
    await source?.close();
  });
  return () => {
    if (!source) throw new Error("The test source is not running: use it inside a test or hook");
    return source;
  };
}

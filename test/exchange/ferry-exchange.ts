import { afterAll, beforeAll } from "vitest";
import { exchangeJobHandlers } from "@/lib/exchange";
import { runImportWorker } from "@/test/helpers/import-worker";
import { runTestSource } from "@/test/helpers/test-source";
import type { TestSource, TestSourceOptions } from "@/test/source";
import { startApiServer, type ApiServer } from "./api-server";

export interface FerryExchange {
  /** The GitLab stand-in the first Ferry imports from, when the file asked for one. */
  source(): TestSource;
  /** This Ferry's /api/v4 over HTTP: the source a second Ferry (the same process and database) imports from. */
  ferry(): ApiServer;
}

/**
 * One Ferry migrating from another, for one test file: a worker running both imports and exports from the file's own
 * queue schema, a test source when `sourceOptions` are given (`prepare` adds its users, relations...), and this
 * Ferry's API served over HTTP. Call at the top level of the file; the accessors work once the file's tests run.
 */
export function runFerryExchange(queueSchema: string, sourceOptions?: TestSourceOptions, prepare?: (source: TestSource) => void): FerryExchange {
  runImportWorker(queueSchema, exchangeJobHandlers);
  const source = sourceOptions
    ? runTestSource(sourceOptions, prepare)
    : () => {
        throw new Error("No test source: pass its options to runFerryExchange");
      };
  let ferry: ApiServer | undefined;
  beforeAll(async () => {
    ferry = await startApiServer();
  });
  // Hooks run as a stack: the server closes first, then the source, then the worker stops.
  afterAll(async () => {
    await ferry?.close();
  });
  return {
    source,
    ferry: () => {
      if (!ferry) throw new Error("The API server is not running: use it inside a test or hook");
      return ferry;
    },
  };
}

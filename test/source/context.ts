import type { IncomingMessage, ServerResponse } from "node:http";
import type { ExportRegistry } from "./export-state";
import type { FaultControl, FaultOf, FaultTarget, FaultType } from "./faults";
import type { FixtureStore, SourceUser } from "./fixture-store";
import type { RequestLogEntry, SourceConfig, TokenSpec } from "./types";

/** Everything a route handler needs about one request and the source it hit. */
export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  query: URLSearchParams;
  log: RequestLogEntry;
  target: FaultTarget;
  /** http://127.x.y.z:PORT, for web_url and Link headers. */
  baseUrl: string;
  store: FixtureStore;
  config: SourceConfig;
  faults: FaultControl;
  exports: ExportRegistry;
  /** Set once the request is authenticated (every route here needs a token). */
  user: SourceUser;
  token: TokenSpec;
}

export type RouteHandler = (ctx: RequestContext) => Promise<void>;

/** Takes a matching fault for this request and notes it in the request log. */
export function takeFault<T extends FaultType>(ctx: RequestContext, type: T, accept?: (spec: FaultOf<T>) => boolean): FaultOf<T> | undefined {
  const spec = ctx.faults.take(type, ctx.target, accept);
  if (spec) ctx.log.faults.push(type);
  return spec;
}

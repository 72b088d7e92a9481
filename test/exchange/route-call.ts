type Route<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

/** Calls a route handler as Next does and hands back the raw Response (downloads are gzip, not JSON). */
export function callRaw<P>(route: Route<P>, path: string, options: { token?: string; method?: string; body?: unknown; params: P }): Promise<Response> {
  const headers = new Headers();
  if (options.token) headers.set("private-token", options.token);
  let body: string | undefined;
  if (options.body !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(options.body);
  }
  return route(new Request(new URL(path, "http://ferry.test"), { method: options.method ?? "GET", headers, body }), { params: Promise.resolve(options.params) });
}

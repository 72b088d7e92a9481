import { createPersonalAccessToken, type TokenScope } from "@/lib/auth/tokens";

type Route<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

/** Calls a route handler the way Next does, with a real Request. */
export async function call<P = Record<string, never>>(
  route: Route<P>,
  path: string,
  options: { token?: string; method?: string; body?: unknown; form?: Record<string, string>; params?: P; header?: "private-token" | "bearer" | "query" } = {},
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const url = new URL(path, "http://ferry.test");
  const headers = new Headers();
  if (options.token) {
    if (options.header === "bearer") headers.set("authorization", `Bearer ${options.token}`);
    else if (options.header === "query") url.searchParams.set("private_token", options.token);
    else headers.set("private-token", options.token);
  }
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(options.body);
  } else if (options.form) {
    headers.set("content-type", "application/x-www-form-urlencoded");
    body = new URLSearchParams(options.form).toString();
  }
  const response = await route(new Request(url, { method: options.method ?? "GET", headers, body }), { params: Promise.resolve((options.params ?? {}) as P) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

export async function tokenFor(userId: number, scopes: TokenScope[] = ["api"]): Promise<string> {
  return (await createPersonalAccessToken(userId, { name: "test", scopes })).token;
}

import type { ErrorJson } from "@/lib/migration/wire";

/** A non-success answer of an importer route, with the server's message for the user. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: ErrorJson | null,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

/** fetch for the importer's JSON routes: parses the body and turns error answers into HttpError. */
export async function fetchJson<T>(url: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  const response = await fetch(url, {
    ...rest,
    headers: { accept: "application/json", ...(json !== undefined ? { "content-type": "application/json" } : {}), ...rest.headers },
    body: json !== undefined ? JSON.stringify(json) : rest.body,
    credentials: "same-origin",
  });
  const body = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const error = body && typeof body === "object" && typeof (body as ErrorJson).message === "string" ? (body as ErrorJson) : null;
    throw new HttpError(response.status, error?.message ?? `The server answered ${response.status}. Try again.`, error);
  }
  return body as T;
}

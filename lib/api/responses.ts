/** JSON answers in GitLab's shapes; Grape's error bodies are `{"message": ...}` or `{"error": ...}`. */
export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json");
  return new Response(JSON.stringify(body), { ...init, headers });
}

export const unauthorized = () => json({ message: "401 Unauthorized" }, { status: 401 });
export const forbidden = () => json({ message: "403 Forbidden" }, { status: 403 });
export const notFound = (what = "Not") => json({ message: `404 ${what} Found` }, { status: 404 });
/** What Grape answers when `find` raises ActiveRecord::RecordNotFound. */
export const recordNotFound = () => json({ message: "404 Not found" }, { status: 404 });
export const badRequest = (message: string) => json({ message: `400 Bad request - ${message}` }, { status: 400 });
export const missingParam = (name: string) => json({ error: `${name} is missing` }, { status: 400 });
export const conflict = (message: string) => json({ message }, { status: 409 });
export const unprocessable = (message: string) => json({ message }, { status: 422 });
/** check_rate_limit!: render_api_error!({ error: ... }, 429), so the message is an object, as GitLab's clients read it. */
export const tooManyRequests = (retryAfterSeconds: number) =>
  json({ message: { error: "This endpoint has been requested too many times. Try again later." } }, {
    status: 429,
    headers: { "retry-after": String(retryAfterSeconds) },
  });
export const insufficientScope = (scope: string) =>
  json(
    {
      error: "insufficient_scope",
      error_description: "The request requires higher privileges than provided by the access token.",
      scope,
    },
    { status: 403 },
  );

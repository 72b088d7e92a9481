export const dynamic = "force-dynamic";

/** Liveness only: the process answers. Same contract as GitLab's /-/health. */
export function GET() {
  return new Response("Ferry OK", { headers: { "content-type": "text/plain" } });
}

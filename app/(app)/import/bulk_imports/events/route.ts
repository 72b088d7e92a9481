import { currentUser } from "@/lib/auth";
import { EVENT_STREAM_HEADERS, importEventStream } from "@/lib/live";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * Server-sent events of the signed-in user's import changes (administrators: everyone's with `?scope=all`). Pages open
 * it with components/import/live-import-events.tsx; the subscription ends when the browser disconnects.
 */
export async function GET(request: Request): Promise<Response> {
  const user = await currentUser();
  if (!user) return Response.json({ message: "401 Unauthorized" }, { status: 401 });
  const all = user.isAdmin && new URL(request.url).searchParams.get("scope") === "all";
  return new Response(importEventStream({ userId: user.id, all }, request.signal), { headers: EVENT_STREAM_HEADERS });
}

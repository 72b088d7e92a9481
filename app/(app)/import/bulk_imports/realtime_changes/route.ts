import { z } from "zod";
import { currentUser } from "@/lib/auth";
import { getRealtimeChanges, REALTIME_MAX_IMPORTS } from "@/lib/migration";

export const dynamic = "force-dynamic";

// GitLab's client reads this header and polls again after that many milliseconds.
const POLL_INTERVAL_MS = 3_000;

const query = z.object({
  ids: z
    .string()
    .regex(/^\d+(,\d+)*$/, "ids must be comma-separated numbers")
    .transform((value) => value.split(",").map(Number))
    .refine((ids) => ids.length <= REALTIME_MAX_IMPORTS, `at most ${REALTIME_MAX_IMPORTS} ids`)
    .optional(),
  scope: z.enum(["mine", "all"]).optional(),
});

/**
 * GitLab's `realtime_changes`: `[{id, status_name, has_failures}]` for the user's bulk imports (the given `ids`, or the
 * most recently updated), with Ferry's per-entity progress in `entities`. Pages poll it when live events are down.
 */
export async function GET(request: Request): Promise<Response> {
  const user = await currentUser();
  if (!user) return Response.json({ message: "401 Unauthorized" }, { status: 401 });
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = query.safeParse({ ids: params.ids || undefined, scope: params.scope || undefined });
  if (!parsed.success) return Response.json({ error: parsed.error.issues.map((i) => i.message).join(", ") }, { status: 400 });
  const changes = await getRealtimeChanges(user, { ids: parsed.data.ids, all: parsed.data.scope === "all" });
  return Response.json(changes, { headers: { "Poll-Interval": String(POLL_INTERVAL_MS), "Cache-Control": "no-store" } });
}

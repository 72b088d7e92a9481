import type { NamespaceJson } from "@/lib/migration/wire";
import { listDestinationGroups } from "@/lib/sources";
import { sessionJsonRoute } from "../json-route";

export const dynamic = "force-dynamic";

/** Groups the user may import into (create subgroups in), searched by full path or name. */
export const GET = sessionJsonRoute(async ({ request, user }) => {
  const search = (new URL(request.url).searchParams.get("search") ?? "").slice(0, 255);
  const groups = await listDestinationGroups(user, { search, limit: 20 });
  const body: { namespaces: NamespaceJson[] } = { namespaces: groups.map(({ id, fullPath, fullName }) => ({ id, fullPath, fullName })) };
  return Response.json(body);
});

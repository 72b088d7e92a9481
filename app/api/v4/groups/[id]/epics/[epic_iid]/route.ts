import { apiRoute, baseUrlOf, epicEntity, json } from "@/lib/api";
import { requestedEpic } from "../params";

export const GET = apiRoute<{ id: string; epic_iid: string }>("read", async ({ request, identity, params }) => {
  const found = await requestedEpic(identity, params);
  if (found instanceof Response) return found;
  return json(epicEntity(found.epic, found.group, baseUrlOf(request), { includeSubscribed: true }));
});

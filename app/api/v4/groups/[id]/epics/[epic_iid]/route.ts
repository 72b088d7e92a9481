import { apiRoute, baseUrlOf, epicEntity, json } from "@/lib/api";
import { requestedEpic } from "../params";

/** GET /groups/:id/epics/:epic_iid: public for a public group's non-confidential epics, as on GitLab. */
export const GET = apiRoute<{ id: string; epic_iid: string }>("public", async ({ request, viewer, params }) => {
  const found = await requestedEpic(viewer, params);
  if (found instanceof Response) return found;
  return json(epicEntity(found.epic, found.group, baseUrlOf(request), { includeSubscribed: true }));
});

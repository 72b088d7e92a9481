import { apiRoute, baseUrlOf, epicEntity, json } from "@/lib/api";
import { listChildEpics } from "@/lib/groups";
import { requestedEpic } from "../../params";

/** GET /groups/:id/epics/:epic_iid/epics: the child epics, not paginated (GitLab's epic links API, which authenticates). */
export const GET = apiRoute<{ id: string; epic_iid: string }>("read", async ({ request, viewer, params }) => {
  const found = await requestedEpic(viewer, params);
  if (found instanceof Response) return found;
  const children = await listChildEpics(viewer, found.group, found.epic);
  const base = baseUrlOf(request);
  return json(children.map((child) => epicEntity(child, found.group, base)));
});

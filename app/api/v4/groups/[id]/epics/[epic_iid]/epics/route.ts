import { apiRoute, baseUrlOf, epicEntity, json } from "@/lib/api";
import { listChildEpics } from "@/lib/groups";
import { requestedEpic } from "../../params";

/** GET /groups/:id/epics/:epic_iid/epics: the child epics, not paginated (as GitLab's epic links API). */
export const GET = apiRoute<{ id: string; epic_iid: string }>("read", async ({ request, identity, params }) => {
  const found = await requestedEpic(identity, params);
  if (found instanceof Response) return found;
  const children = await listChildEpics(identity.user, found.group, found.epic);
  const base = baseUrlOf(request);
  return json(children.map((child) => epicEntity(child, found.group, base)));
});

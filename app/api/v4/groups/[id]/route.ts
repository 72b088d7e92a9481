import { apiRoute, baseUrlOf, booleanParam, groupEntity, json, notFound, readAll } from "@/lib/api";
import { findGroup } from "@/lib/groups";

/** GET /groups/:id: public groups answer without a token, as on GitLab; hidden ones are a 404 either way. */
export const GET = apiRoute<{ id: string }>("public", async ({ request, url, viewer, params }) => {
  readAll(
    () => booleanParam(url.searchParams.get("with_projects"), "with_projects"),
    () => booleanParam(url.searchParams.get("with_custom_attributes"), "with_custom_attributes"),
  );
  const group = await findGroup(viewer, params.id);
  if (!group) return notFound("Group Not");
  return json(groupEntity(group, baseUrlOf(request)));
});

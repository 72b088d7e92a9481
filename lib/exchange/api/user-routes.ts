import { apiRoute, baseUrlOf, json, notFound, userPublic } from "@/lib/api";
import { getUserById } from "@/lib/users";
import { grapeInteger } from "./params";

/**
 * GET /users/:id: GitLab's public profile of a user (what importers read to map contributors). Ferry has no public
 * email or profile fields, so those are empty; administrators also see the email, as GitLab shows them.
 */
export const userRoute = apiRoute<{ id: string }>("read", async ({ request, identity, params }) => {
  const id = grapeInteger(params.id);
  const user = typeof id === "number" && id > 0 ? await getUserById(id) : undefined;
  if (!user) return notFound("User Not");
  return json({
    ...userPublic(user, baseUrlOf(request)),
    ...(identity.user.isAdmin ? { email: user.email, is_admin: user.isAdmin } : {}),
  });
});

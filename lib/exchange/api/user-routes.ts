import { apiRoute, baseUrlOf, digitsRowId, json, notFound, userPublic } from "@/lib/api";
import { getUserById } from "@/lib/users";

/**
 * GET /users/:id: GitLab's public profile of a user (what importers read to map contributors), public as on GitLab.
 * Ferry has no public email or profile fields, so those are empty; administrators also see the email, as GitLab
 * shows them.
 */
export const userRoute = apiRoute<{ id: string }>("public", async ({ request, viewer, params }) => {
  const user = await getUserById(digitsRowId(params.id));
  if (!user) return notFound("User Not");
  return json({
    ...userPublic(user, baseUrlOf(request)),
    ...(viewer.isAdmin ? { email: user.email, is_admin: user.isAdmin } : {}),
  });
});

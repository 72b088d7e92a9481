import { baseUrlOf } from "@/lib/api/base-url";
import { userBasic } from "@/lib/api/entities/user";
import { apiRoute } from "@/lib/api/request-auth";
import { json, notFound } from "@/lib/api/responses";
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
    ...userBasic(user, baseUrlOf(request)),
    created_at: user.createdAt.toISOString(),
    bio: "",
    location: "",
    public_email: null,
    skype: "",
    linkedin: "",
    twitter: "",
    discord: "",
    website_url: "",
    organization: "",
    job_title: "",
    pronouns: null,
    bot: false,
    work_information: null,
    followers: 0,
    following: 0,
    is_followed: false,
    local_time: null,
    ...(identity.user.isAdmin ? { email: user.email, is_admin: user.isAdmin } : {}),
  });
});

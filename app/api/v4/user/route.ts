import { apiRoute, baseUrlOf, json, userSelf } from "@/lib/api";

export const GET = apiRoute("read", async ({ request, identity }) => json(userSelf(identity.user, baseUrlOf(request))));

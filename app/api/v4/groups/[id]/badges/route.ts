import { badgesRoute } from "@/lib/api";

export const GET = badgesRoute("group");

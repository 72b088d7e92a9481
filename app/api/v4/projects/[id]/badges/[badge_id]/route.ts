import { badgeRoute } from "@/lib/api";

export const GET = badgeRoute("project");

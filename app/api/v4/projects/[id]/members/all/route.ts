import { projectMembersRoute } from "@/lib/api";

export const GET = projectMembersRoute("all");

import { groupMembersRoute } from "@/lib/exchange";

export const GET = groupMembersRoute("all");

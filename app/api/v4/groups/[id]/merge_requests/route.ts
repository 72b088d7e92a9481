import { groupMergeRequestsRoute } from "@/lib/api";

export const GET = groupMergeRequestsRoute;

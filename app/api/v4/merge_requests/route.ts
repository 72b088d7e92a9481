import { userMergeRequestsRoute } from "@/lib/api";

export const GET = userMergeRequestsRoute;

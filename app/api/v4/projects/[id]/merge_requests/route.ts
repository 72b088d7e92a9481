import { projectMergeRequestsRoute } from "@/lib/api";

export const GET = projectMergeRequestsRoute;

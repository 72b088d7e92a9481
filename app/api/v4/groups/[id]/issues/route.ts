import { groupIssuesRoute } from "@/lib/api";

export const GET = groupIssuesRoute;

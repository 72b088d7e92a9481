import { userIssuesRoute } from "@/lib/api";

export const GET = userIssuesRoute;

import { projectIssuesRoute } from "@/lib/api";

export const GET = projectIssuesRoute;

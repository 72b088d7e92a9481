import { projectIssueRoute } from "@/lib/api";

export const GET = projectIssueRoute;

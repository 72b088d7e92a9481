import { issueDiscussionsRoute } from "@/lib/api";

export const GET = issueDiscussionsRoute;

import { issueMilestoneEventsRoute } from "@/lib/api";

export const GET = issueMilestoneEventsRoute;

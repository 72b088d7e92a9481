import { issueStateEventsRoute } from "@/lib/api";

export const GET = issueStateEventsRoute;

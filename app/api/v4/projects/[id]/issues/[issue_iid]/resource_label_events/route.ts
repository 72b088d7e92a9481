import { issueLabelEventsRoute } from "@/lib/api";

export const GET = issueLabelEventsRoute;

import { pipelineScheduleRoute } from "@/lib/api";

export const GET = pipelineScheduleRoute;

import { pipelineSchedulesRoute } from "@/lib/api";

export const GET = pipelineSchedulesRoute;

import { pipelineJobsRoute } from "@/lib/api";

export const GET = pipelineJobsRoute;

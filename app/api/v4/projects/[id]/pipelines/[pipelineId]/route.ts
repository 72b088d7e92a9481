import { pipelineRoute } from "@/lib/api";

export const GET = pipelineRoute;

import { pipelineBridgesRoute } from "@/lib/api";

export const GET = pipelineBridgesRoute;

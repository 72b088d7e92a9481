import { mergeRequestPipelinesRoute } from "@/lib/api";

export const GET = mergeRequestPipelinesRoute;

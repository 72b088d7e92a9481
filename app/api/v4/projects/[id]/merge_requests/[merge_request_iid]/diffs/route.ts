import { mergeRequestDiffsRoute } from "@/lib/api";

export const GET = mergeRequestDiffsRoute;

import { mergeRequestChangesRoute } from "@/lib/api";

export const GET = mergeRequestChangesRoute;

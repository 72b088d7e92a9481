import { mergeRequestRouteGet } from "@/lib/api";

export const GET = mergeRequestRouteGet;

import { mergeRequestDiscussionsRoute } from "@/lib/api";

export const GET = mergeRequestDiscussionsRoute;

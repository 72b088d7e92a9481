import { mergeRequestCommitsRoute } from "@/lib/api";

export const GET = mergeRequestCommitsRoute;

import { mergeRequestNotesRoute } from "@/lib/api";

export const GET = mergeRequestNotesRoute;

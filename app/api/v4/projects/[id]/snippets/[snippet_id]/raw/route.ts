import { projectSnippetRawRoute } from "@/lib/api";

export const GET = projectSnippetRawRoute;
export const HEAD = projectSnippetRawRoute;

import { projectSnippetFileRawRoute } from "@/lib/api";

export const GET = projectSnippetFileRawRoute;
export const HEAD = projectSnippetFileRawRoute;

import { projectSnippetRoute } from "@/lib/api";

export const GET = projectSnippetRoute;

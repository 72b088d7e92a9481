import { projectSnippetsRoute } from "@/lib/api";

export const GET = projectSnippetsRoute;

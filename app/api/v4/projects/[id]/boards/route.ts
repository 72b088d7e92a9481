import { boardsRoute } from "@/lib/api";

export const GET = boardsRoute("project");

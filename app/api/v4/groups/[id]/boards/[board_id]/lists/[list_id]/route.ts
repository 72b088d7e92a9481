import { boardListRoute } from "@/lib/api";

export const GET = boardListRoute("group");

import { boardListsRoute } from "@/lib/api";

export const GET = boardListsRoute("group");

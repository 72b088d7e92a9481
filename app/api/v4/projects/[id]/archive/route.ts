import { archiveRoute } from "@/lib/api";

export const POST = archiveRoute(true);

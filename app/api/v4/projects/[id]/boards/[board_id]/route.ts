import { boardRoute } from "@/lib/api";

export const GET = boardRoute("project");

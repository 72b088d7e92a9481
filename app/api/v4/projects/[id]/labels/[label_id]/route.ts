import { labelRoute } from "@/lib/api";

export const GET = labelRoute("project");

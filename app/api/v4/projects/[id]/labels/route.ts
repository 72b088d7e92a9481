import { labelsRoute } from "@/lib/api";

export const GET = labelsRoute("project");

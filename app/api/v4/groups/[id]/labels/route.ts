import { labelsRoute } from "@/lib/api";

export const GET = labelsRoute("group");

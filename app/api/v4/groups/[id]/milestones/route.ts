import { milestonesRoute } from "@/lib/api";

export const GET = milestonesRoute("group");

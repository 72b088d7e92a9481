import { milestoneRoute } from "@/lib/api";

export const GET = milestoneRoute("group");

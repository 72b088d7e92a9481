import { groupChildrenRoute } from "@/lib/api";

export const GET = groupChildrenRoute("descendants");

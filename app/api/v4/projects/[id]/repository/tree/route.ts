import { treeRoute } from "@/lib/api";

export const GET = treeRoute;

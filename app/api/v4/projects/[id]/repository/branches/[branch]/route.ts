import { branchRoute } from "@/lib/api";

export const GET = branchRoute;
export const HEAD = branchRoute;

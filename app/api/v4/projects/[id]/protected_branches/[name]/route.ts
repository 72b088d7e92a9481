import { protectedBranchRoute } from "@/lib/api";

export const GET = protectedBranchRoute;

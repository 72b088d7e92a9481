import { protectedBranchesRoute } from "@/lib/api";

export const GET = protectedBranchesRoute;

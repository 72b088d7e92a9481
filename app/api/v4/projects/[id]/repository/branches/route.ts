import { branchesRoute } from "@/lib/api";

export const GET = branchesRoute;

import { commitDiffRoute } from "@/lib/api";

export const GET = commitDiffRoute;

import { commitCommentsRoute } from "@/lib/api";

export const GET = commitCommentsRoute;

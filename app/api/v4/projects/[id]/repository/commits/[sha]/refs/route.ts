import { commitRefsRoute } from "@/lib/api";

export const GET = commitRefsRoute;

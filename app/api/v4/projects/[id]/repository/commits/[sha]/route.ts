import { commitRoute } from "@/lib/api";

export const GET = commitRoute;

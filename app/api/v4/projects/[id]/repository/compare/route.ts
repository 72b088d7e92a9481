import { compareRoute } from "@/lib/api";

export const GET = compareRoute;

import { jobRoute } from "@/lib/api";

export const GET = jobRoute;

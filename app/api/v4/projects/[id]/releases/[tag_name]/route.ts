import { releaseRoute } from "@/lib/api";

export const GET = releaseRoute;

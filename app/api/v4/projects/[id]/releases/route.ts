import { releasesRoute } from "@/lib/api";

export const GET = releasesRoute;

import { rawBlobRoute } from "@/lib/api";

export const GET = rawBlobRoute;

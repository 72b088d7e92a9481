import { blobRoute } from "@/lib/api";

export const GET = blobRoute;

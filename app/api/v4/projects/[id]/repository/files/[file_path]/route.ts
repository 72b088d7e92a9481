import { fileRoute } from "@/lib/api";

export const GET = fileRoute;
export const HEAD = fileRoute;

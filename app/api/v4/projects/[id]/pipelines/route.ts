import { pipelinesRoute } from "@/lib/api";

export const GET = pipelinesRoute;

import { rawFileRoute } from "@/lib/api";

export const GET = rawFileRoute;
export const HEAD = rawFileRoute;

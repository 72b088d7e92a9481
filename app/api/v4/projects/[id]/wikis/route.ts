import { wikisRoute } from "@/lib/api";

export const GET = wikisRoute;

import { tagRoute } from "@/lib/api";

export const GET = tagRoute;

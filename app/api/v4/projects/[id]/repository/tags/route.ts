import { tagsRoute } from "@/lib/api";

export const GET = tagsRoute;

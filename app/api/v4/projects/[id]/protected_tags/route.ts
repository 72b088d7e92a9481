import { protectedTagsRoute } from "@/lib/api";

export const GET = protectedTagsRoute;

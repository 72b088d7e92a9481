import { protectedTagRoute } from "@/lib/api";

export const GET = protectedTagRoute;

import { tokenSelfRoute } from "@/lib/exchange";

export const GET = tokenSelfRoute;

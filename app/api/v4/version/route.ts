import { versionRoute } from "@/lib/exchange";

export const GET = versionRoute;

import { commitStatusesRoute } from "@/lib/api";

export const GET = commitStatusesRoute;

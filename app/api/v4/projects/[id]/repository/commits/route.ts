import { commitsRoute } from "@/lib/api";

export const GET = commitsRoute;

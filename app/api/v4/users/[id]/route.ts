import { userRoute } from "@/lib/exchange";

export const GET = userRoute;

import { metadataRoute } from "@/lib/exchange";

export const GET = metadataRoute;

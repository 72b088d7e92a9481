import { customAttributesRoute } from "@/lib/api";

export const GET = customAttributesRoute;

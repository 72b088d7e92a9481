import { customAttributeRoute } from "@/lib/api";

export const GET = customAttributeRoute;

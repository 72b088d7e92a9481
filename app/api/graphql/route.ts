import { graphqlRoute } from "@/lib/api";

export const GET = graphqlRoute;
export const POST = graphqlRoute;

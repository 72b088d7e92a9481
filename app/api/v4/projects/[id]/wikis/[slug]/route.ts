import { wikiPageRoute } from "@/lib/api";

export const GET = wikiPageRoute;

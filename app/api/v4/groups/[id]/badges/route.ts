import { emptyGroupListRoute } from "@/lib/exchange";

// Badges are not stored yet: a visible group lists none.
export const GET = emptyGroupListRoute();

import { emptyGroupListRoute } from "@/lib/exchange";

// No projects are stored yet: a visible group lists none (project migration fills this in).
export const GET = emptyGroupListRoute();

import { issueNotesRoute } from "@/lib/api";

export const GET = issueNotesRoute;

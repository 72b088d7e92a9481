import { issueAwardEmojiRoute } from "@/lib/api";

export const GET = issueAwardEmojiRoute;

import { serveGitHttp } from "@/lib/git-http";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ path: string[] }> };

/**
 * Git over smart HTTP. Git clients use GitLab's addresses (`/<full path>.git/info/refs`...), which next.config.js
 * rewrites to `/-/git/<same>` because they collide with the page routes; proxy.ts never sees them, so Next.js streams
 * the request body here instead of buffering it for a proxy.
 */
export async function GET(request: Request, context: Context): Promise<Response> {
  return serveGitHttp(request, (await context.params).path);
}

export async function POST(request: Request, context: Context): Promise<Response> {
  return serveGitHttp(request, (await context.params).path);
}

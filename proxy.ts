import { NextResponse, type NextRequest } from "next/server";
import { createNonce, isCrossOriginWrite, isHttpsRequest, pageContentSecurityPolicy } from "@/lib/security";

const PUBLIC = ["/users/sign_in", "/users/sign_up"];
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];
// next.config.js `serverActions.allowedOrigins`, handed over at build time through its `env`.
const ALLOWED_ORIGINS = (process.env.FERRY_ALLOWED_ORIGINS ?? "").split(",").filter(Boolean);

/**
 * Files served as they are (uploads, a repository's raw files and archives, a wiki's files, designs' images) carry
 * their own, stricter policy (`default-src 'none'; sandbox`), which a page's would replace. What follows a namespace's
 * path is its first `/-/` (no group or project path has a `-` segment): a file path that holds `-/uploads/` further on
 * is still a page's.
 */
function isServedFile(pathname: string): boolean {
  if (pathname.startsWith("/uploads/")) return true;
  const separator = pathname.indexOf("/-/");
  return separator > 0 && /^(?:uploads|raw|archive|wikis\/-\/raw|design_management\/designs)\//.test(pathname.slice(separator + 3));
}

/**
 * Every page request passes here, in three steps.
 * 1. A state-changing request from another origin is refused (403) before any action or route runs: Next.js would
 *    answer a foreign server action with a 500, and other posts (cookie-authenticated routes) not at all.
 * 2. Signed-out visitors of any page are sent to sign in (and brought back after). This only looks for the session
 *    cookie: every page and action verifies the session itself. Running Auth.js here instead would re-issue the
 *    cookie on each request, and a request still in flight during sign-out would then bring the session back.
 * 3. The page gets a Content-Security-Policy with a fresh nonce, on the response and on the request: Next.js reads it
 *    there to put the nonce on its own scripts. The other security headers come from next.config.js.
 */
export default function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const csp = isServedFile(pathname)
    ? null
    : pageContentSecurityPolicy({
        nonce: createNonce(),
        https: isHttpsRequest(request.nextUrl, request.headers),
        development: process.env.NODE_ENV === "development",
      });
  const withPolicy = (response: NextResponse) => {
    if (csp) response.headers.set("Content-Security-Policy", csp);
    return response;
  };

  if (isCrossOriginWrite(request.method, request.headers, ALLOWED_ORIGINS)) {
    return withPolicy(new NextResponse("Cross-origin request refused.", { status: 403, headers: { "content-type": "text/plain" } }));
  }
  if (!PUBLIC.includes(pathname) && !SESSION_COOKIES.some((name) => request.cookies.has(name))) {
    const target = new URL("/users/sign_in", request.nextUrl);
    if (pathname !== "/") target.searchParams.set("redirect_to", pathname + search);
    return withPolicy(NextResponse.redirect(target));
  }
  if (!csp) return NextResponse.next();
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", csp);
  return withPolicy(NextResponse.next({ request: { headers } }));
}

// Keep in step with NON_PAGE_PATHS in next.config.js, which gives these their headers. Git's smart HTTP (GIT_REWRITES
// there, the `.git/...` and `/info/refs` tail here) must never come through: for a request that a proxy sees, Next.js
// buffers the body in memory and cuts it at experimental.proxyClientMaxBodySize (10 MB), which would break any push;
// git clients send no cookie and no Origin either, and authenticate on the route. The group import upload
// (/import/gitlab_group, /import/gitlab_project) stays out for the same reason, and checks the session and origin itself.
export const config = {
  matcher: [
    "/((?!api/|_next/|-/health|-/readiness|-/git/|import/gitlab_group$|import/gitlab_project$|favicon\\.ico$|icon\\.svg$|(?:(?:[\\w.][\\w.-]*[\\w-]|\\w)/)+(?:[\\w.][\\w.-]*[\\w-]|\\w)(?:\\.git/(?:git-upload-pack|git-receive-pack|info/lfs/objects/batch|gitlab-lfs/objects/[0-9a-f]{64})|/info/refs)$).*)",
  ],
};

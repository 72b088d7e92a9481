import { NextResponse, type NextRequest } from "next/server";

const PUBLIC = ["/users/sign_in", "/users/sign_up"];
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

/**
 * Signed-out visitors of any page are sent to sign in (and brought back after). This only looks for the session
 * cookie: every page and action verifies the session itself. Running Auth.js here instead would re-issue the cookie
 * on each request, and a request still in flight during sign-out would then bring the session back.
 */
export default function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC.includes(pathname) || SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
  const target = new URL("/users/sign_in", request.nextUrl);
  if (pathname !== "/") target.searchParams.set("redirect_to", pathname + search);
  return NextResponse.redirect(target);
}

export const config = {
  matcher: ["/((?!api/|_next/|-/health|-/readiness|favicon.ico).*)"],
};

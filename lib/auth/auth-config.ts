import type { NextAuthConfig } from "next-auth";

/** The part of the Auth.js configuration that needs no database, shared by the proxy and the server. */
export const authConfig = {
  pages: { signIn: "/users/sign_in" },
  session: { strategy: "jwt", maxAge: 7 * 24 * 60 * 60 },
  trustHost: true,
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.uid = Number(user.id);
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === "number") session.user.id = String(token.uid);
      return session;
    },
  },
} satisfies NextAuthConfig;

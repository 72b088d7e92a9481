import type { Metadata } from "next";
import { connection } from "next/server";
import { HydrationMark } from "@/components/ui/hydration-mark";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Ferry", template: "%s · Ferry" },
  description: "Move GitLab groups between instances by direct transfer.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request, the 404 page included: a page built ahead of time has scripts without the nonce
  // that proxy.ts puts in the Content-Security-Policy, and the browser would refuse to run them.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen">
        {children}
        <HydrationMark />
      </body>
    </html>
  );
}

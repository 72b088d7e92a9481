import { redirect } from "next/navigation";
import { TopBar } from "@/components/nav/top-bar";
import { Providers } from "@/components/providers";
import { currentUser } from "@/lib/auth";
import { signOutAction } from "../(auth)/actions";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  if (!user) redirect("/users/sign_in");
  return (
    <Providers>
      <TopBar user={{ name: user.name, username: user.username, isAdmin: user.isAdmin }} signOut={signOutAction} />
      <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
    </Providers>
  );
}

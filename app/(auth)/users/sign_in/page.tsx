import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { AuthCard } from "@/components/auth/auth-card";
import { currentUser } from "@/lib/auth";
import { safeRedirect } from "@/lib/forms";
import { getSettings } from "@/lib/settings";
import { countUsers } from "@/lib/users";
import { signInAction } from "../../actions";

export const metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ redirect_to?: string }> }) {
  const { redirect_to } = await searchParams;
  if (await currentUser()) redirect(safeRedirect(redirect_to));
  const [users, settings] = await Promise.all([countUsers(), getSettings()]);
  if (users === 0) redirect("/users/sign_up");
  return (
    <AuthCard
      title="Sign in"
      footer={settings.signupEnabled ? <>Don&apos;t have an account yet? <Link href="/users/sign_up">Register now</Link></> : null}
    >
      <SignInForm action={signInAction} redirectTo={redirect_to} />
    </AuthCard>
  );
}

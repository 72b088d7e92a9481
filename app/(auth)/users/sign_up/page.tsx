import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { Alert } from "@/components/ui/alert";
import { currentUser } from "@/lib/auth";
import { getSettings } from "@/lib/settings";
import { countUsers } from "@/lib/users";
import { signUpAction } from "../../actions";

export const metadata = { title: "Register" };

export default async function SignUpPage() {
  if (await currentUser()) redirect("/dashboard/groups");
  const [users, settings] = await Promise.all([countUsers(), getSettings()]);
  const first = users === 0;
  return (
    <AuthCard title={first ? "Create the administrator account" : "Register"} footer={first ? null : <>Already have an account? <Link href="/users/sign_in">Sign in</Link></>}>
      {first ? (
        <div className="mb-4">
          <Alert tone="info">This is the first account on this Ferry: it becomes the administrator.</Alert>
        </div>
      ) : null}
      {settings.signupEnabled || first ? <SignUpForm action={signUpAction} /> : <Alert tone="warning">Sign-up is disabled on this instance. Ask an administrator for an account.</Alert>}
    </AuthCard>
  );
}

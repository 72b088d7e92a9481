import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth";
import type { PublicUser } from "@/lib/users";

export async function requireUser(): Promise<PublicUser> {
  const user = await currentUser();
  if (!user) redirect("/users/sign_in");
  return user;
}

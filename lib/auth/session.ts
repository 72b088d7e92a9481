import { getUserById, type PublicUser } from "@/lib/users";
import { auth } from "./auth";

/** The signed-in user, re-read from the database so that a blocked or deleted account loses access at once. */
export async function currentUser(): Promise<PublicUser | null> {
  const session = await auth();
  const id = Number(session?.user?.id);
  if (!Number.isInteger(id) || id <= 0) return null;
  const user = await getUserById(id);
  return user && user.state === "active" ? user : null;
}

import Link from "next/link";
import { Logo } from "@/components/ui/logo";
import { UserMenu } from "./user-menu";

const LINKS = [
  { href: "/dashboard/groups", label: "Groups" },
  { href: "/import/groups", label: "Import groups" },
  { href: "/import/history", label: "Import history" },
];

export function TopBar({ user, signOut }: { user: { name: string; username: string; isAdmin: boolean }; signOut: () => Promise<void> }) {
  return (
    <header className="bg-gray-900">
      <div className="mx-auto flex h-14 max-w-6xl items-center justify-between px-4">
        <div className="flex items-center gap-6">
          <Link href="/dashboard/groups" className="flex items-center gap-2 text-lg font-bold text-white hover:text-white">
            <Logo className="h-6 w-6 text-brand-100" /> Ferry
          </Link>
          <nav aria-label="Main" className="flex gap-1">
            {LINKS.map((link) => (
              <Link key={link.href} href={link.href} className="rounded-md px-3 py-1.5 text-sm text-gray-300 hover:bg-white/10 hover:text-white">
                {link.label}
              </Link>
            ))}
          </nav>
        </div>
        <UserMenu name={user.name} username={user.username} isAdmin={user.isAdmin} signOut={signOut} />
      </div>
    </header>
  );
}

"use client";

import { DropdownMenu } from "radix-ui";
import Link from "next/link";

export function UserMenu({ name, username, isAdmin, signOut }: { name: string; username: string; isAdmin: boolean; signOut: () => Promise<void> }) {
  const item = "block w-full cursor-pointer rounded px-3 py-2 text-left text-sm text-gray-700 outline-none data-[highlighted]:bg-gray-100";
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className="flex items-center gap-2 rounded-md px-2 py-1.5 text-sm text-gray-100 hover:bg-white/10 focus-visible:outline-2 focus-visible:outline-white" aria-label="User menu">
        <span className="flex h-7 w-7 items-center justify-center rounded-full bg-brand-100 font-semibold text-brand-700" aria-hidden>
          {name.slice(0, 1).toUpperCase()}
        </span>
        <span className="hidden sm:inline">{username}</span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 min-w-52 rounded-md border border-gray-200 bg-white p-1 shadow-lg">
          <div className="px-3 py-2 text-sm">
            <p className="font-medium text-gray-900">{name}</p>
            <p className="text-gray-500">@{username}</p>
          </div>
          <DropdownMenu.Separator className="my-1 h-px bg-gray-100" />
          <DropdownMenu.Item asChild className={item}>
            <Link href="/-/user_settings/personal_access_tokens">Access tokens</Link>
          </DropdownMenu.Item>
          {isAdmin ? (
            <DropdownMenu.Item asChild className={item}>
              <Link href="/admin/settings">Admin settings</Link>
            </DropdownMenu.Item>
          ) : null}
          <DropdownMenu.Separator className="my-1 h-px bg-gray-100" />
          {/* A real form: signing out works before hydration and survives the menu closing. */}
          <form action={signOut}>
            <DropdownMenu.Item asChild className={item} onSelect={(event) => event.preventDefault()}>
              <button type="submit">Sign out</button>
            </DropdownMenu.Item>
          </form>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

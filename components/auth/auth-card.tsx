import { Logo } from "@/components/ui/logo";
import type { ReactNode } from "react";

export function AuthCard({ title, children, footer }: { title: string; children: ReactNode; footer?: ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="mb-8 text-center">
        <p className="flex items-center justify-center gap-2 text-3xl font-bold tracking-tight text-brand-700">
          <Logo className="h-9 w-9" /> Ferry
        </p>
        <p className="mt-1 text-sm text-gray-600">Move GitLab groups between instances</p>
      </div>
      <div className="w-full max-w-sm rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
        <h1 className="mb-4 text-lg font-semibold text-gray-900">{title}</h1>
        {children}
      </div>
      {footer ? <div className="mt-4 text-sm text-gray-600">{footer}</div> : null}
    </main>
  );
}

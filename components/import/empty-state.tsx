export function EmptyState({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="px-6 py-12 text-center">
      <p className="text-base font-semibold text-gray-900">{title}</p>
      <p className="mt-1 text-sm text-gray-600">{children}</p>
    </div>
  );
}

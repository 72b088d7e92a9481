/** What the repository pages show while the repository has no branch yet (GitLab's empty repository). */
export function EmptyRepository({ fullPath }: { fullPath: string }) {
  return (
    <div className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-10 text-center">
      <h2 className="text-base font-semibold text-gray-900">The repository for this project is empty</h2>
      <p className="mt-1 text-sm text-gray-600">
        Push a branch to <span className="font-mono text-gray-900">{`${fullPath}.git`}</span> on this site, and its files and history will show here.
      </p>
    </div>
  );
}

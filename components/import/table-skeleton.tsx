/** Placeholder rows while the first page comes from the source. */
export function TableSkeleton({ rows = 5 }: { rows?: number }) {
  return (
    <>
      {Array.from({ length: rows }, (_, i) => (
        <tr key={i} aria-hidden="true" className="animate-pulse">
          <td className="py-4 pr-2 pl-4">
            <div className="h-4 w-4 rounded bg-gray-200" />
          </td>
          <td className="px-3 py-4">
            <div className="h-4 w-40 rounded bg-gray-200" />
          </td>
          <td className="px-3 py-4">
            <div className="h-8 w-full rounded bg-gray-200" />
          </td>
          <td className="px-3 py-4">
            <div className="h-5 w-20 rounded-full bg-gray-200" />
          </td>
          <td className="py-4 pr-4 pl-3">
            <div className="ml-auto h-8 w-40 rounded bg-gray-200" />
          </td>
        </tr>
      ))}
    </>
  );
}

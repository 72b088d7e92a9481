import Link from "next/link";

/** Under a relation's count: how many of its records failed, linking to exactly those failures. */
export function RelationFailuresLink({ entityId, relation, failures }: { entityId: number; relation: string; failures: number }) {
  if (failures === 0) return null;
  return (
    <Link href={`/import/history/${entityId}/failures?relation=${encodeURIComponent(relation)}`} className="block text-xs font-normal text-amber-800 underline">
      {failures === 1 ? "1 failed" : `${failures.toLocaleString("en")} failed`}
    </Link>
  );
}

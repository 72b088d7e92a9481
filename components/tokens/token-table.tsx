import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";

export interface TokenItem {
  id: number;
  name: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revoked: boolean;
  active: boolean;
}

export function TokenTable({ tokens, revoke }: { tokens: TokenItem[]; revoke: (form: FormData) => Promise<void> }) {
  if (tokens.length === 0) return <p className="text-sm text-gray-600">This user has no personal access tokens.</p>;
  return (
    <table className="min-w-full divide-y divide-gray-200 rounded-lg border border-gray-200 bg-white text-sm">
      <thead className="bg-gray-50 text-left text-xs font-medium uppercase tracking-wide text-gray-500">
        <tr>
          <th scope="col" className="px-4 py-2">Token name</th>
          <th scope="col" className="px-4 py-2">Scopes</th>
          <th scope="col" className="px-4 py-2">Created</th>
          <th scope="col" className="px-4 py-2">Last used</th>
          <th scope="col" className="px-4 py-2">Expires</th>
          <th scope="col" className="px-4 py-2">Status</th>
          <th scope="col" className="px-4 py-2"><span className="sr-only">Actions</span></th>
        </tr>
      </thead>
      <tbody className="divide-y divide-gray-100">
        {tokens.map((t) => (
          <tr key={t.id}>
            <td className="px-4 py-2 font-medium">{t.name}</td>
            <td className="px-4 py-2 font-mono text-xs">{t.scopes.join(", ")}</td>
            <td className="px-4 py-2 text-gray-600">{t.createdAt.slice(0, 10)}</td>
            <td className="px-4 py-2 text-gray-600">{t.lastUsedAt ? t.lastUsedAt.slice(0, 16).replace("T", " ") : "Never"}</td>
            <td className="px-4 py-2 text-gray-600">{t.expiresAt ?? "Never"}</td>
            <td className="px-4 py-2">{t.active ? <Badge tone="success">Active</Badge> : <Badge tone="danger">{t.revoked ? "Revoked" : "Expired"}</Badge>}</td>
            <td className="px-4 py-2 text-right">
              {t.active ? (
                <form action={revoke}>
                  <input type="hidden" name="id" value={t.id} />
                  <Button type="submit" variant="danger" size="sm" aria-label={`Revoke ${t.name}`}>
                    Revoke
                  </Button>
                </form>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import { NewTokenForm } from "@/components/tokens/new-token-form";
import { TokenTable } from "@/components/tokens/token-table";
import { PageHeader } from "@/components/ui/page-header";
import { listPersonalAccessTokens } from "@/lib/auth";
import { requireUser } from "../../../require-user";
import { createTokenAction, revokeTokenAction } from "./actions";

export const metadata = { title: "Personal access tokens" };

export default async function TokensPage() {
  const user = await requireUser();
  const tokens = await listPersonalAccessTokens(user.id);
  return (
    <>
      <PageHeader
        title="Personal access tokens"
        description="Use a token to call Ferry's GitLab-compatible API (/api/v4) from scripts and clients, or to let another Ferry import from this one."
      />
      <div className="grid gap-8">
        <NewTokenForm action={createTokenAction} />
        <section aria-labelledby="tokens-heading">
          <h2 id="tokens-heading" className="mb-3 text-lg font-semibold">
            Your tokens ({tokens.filter((t) => t.active).length} active)
          </h2>
          <TokenTable
            revoke={revokeTokenAction}
            tokens={tokens.map((t) => ({
              id: t.id,
              name: t.name,
              scopes: t.scopes,
              createdAt: t.createdAt.toISOString(),
              lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
              expiresAt: t.expiresAt,
              revoked: Boolean(t.revokedAt),
              active: t.active,
            }))}
          />
        </section>
      </div>
    </>
  );
}

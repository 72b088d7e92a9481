import { readiness } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const { ready, checks } = await readiness();
  return Response.json({ status: ready ? "ok" : "failed", master_check: [{ status: ready ? "ok" : "failed" }], ...checks }, { status: ready ? 200 : 503 });
}

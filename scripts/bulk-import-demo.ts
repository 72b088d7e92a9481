/**
 * Scripts a group migration against Ferry's /api/v4/bulk_imports exactly as against GitLab's, over plain HTTP (global
 * fetch, nothing from Ferry): start an import, follow it, list imports and entities, read stats and failures, then
 * start a second import and cancel it.
 *
 *   FERRY_URL=http://localhost:3000 FERRY_TOKEN=glpat-... SOURCE_URL=https://gitlab.example.com \
 *   SOURCE_TOKEN=glpat-... SOURCE_GROUP=my-group npx tsx scripts/bulk-import-demo.ts
 *
 * Optional: DESTINATION_NAMESPACE (a group path; default top level), DESTINATION_SLUG, DEMO_TIMEOUT_SECONDS (300).
 * Pointed at a GitLab instead of Ferry, it does the same.
 */

type Json = Record<string, unknown>;

function setting(name: string, fallback?: string): string {
  const value = process.env[name] ?? fallback;
  if (value === undefined || value === "") {
    console.error(`${name} is required (FERRY_URL, FERRY_TOKEN, SOURCE_URL, SOURCE_TOKEN, SOURCE_GROUP).`);
    process.exit(2);
  }
  return value;
}

const ferryUrl = setting("FERRY_URL").replace(/\/+$/, "");
const ferryToken = setting("FERRY_TOKEN");
const sourceUrl = setting("SOURCE_URL");
const sourceToken = setting("SOURCE_TOKEN");
const sourceGroup = setting("SOURCE_GROUP");
const destinationNamespace = process.env.DESTINATION_NAMESPACE ?? "";
const timeoutMs = Number(process.env.DEMO_TIMEOUT_SECONDS ?? "300") * 1000;
const TERMINAL = ["finished", "failed", "timeout", "canceled"];

class ApiError extends Error {}

async function api<T = Json>(method: "GET" | "POST", path: string, body?: unknown): Promise<{ data: T; headers: Headers }> {
  const response = await fetch(`${ferryUrl}/api/v4${path}`, {
    method,
    headers: { "PRIVATE-TOKEN": ferryToken, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const data = text ? (JSON.parse(text) as T) : (null as T);
  if (!response.ok) throw new ApiError(`${method} ${path} -> ${response.status} ${text}`);
  return { data, headers: response.headers };
}

const slugFor = (suffix: string) => `${sourceGroup.split("/").at(-1)}-${suffix}-${Date.now().toString(36)}`;

function startImport(slug: string) {
  return api<Json>("POST", "/bulk_imports", {
    configuration: { url: sourceUrl, access_token: sourceToken },
    entities: [{ source_type: "group_entity", source_full_path: sourceGroup, destination_slug: slug, destination_namespace: destinationNamespace }],
  });
}

async function follow(id: number): Promise<Json> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  for (;;) {
    const { data } = await api<Json>("GET", `/bulk_imports/${id}`);
    if (data.status !== last) console.log(`  ${new Date().toISOString()}  import ${id}: ${String(data.status)}`);
    last = String(data.status);
    if (TERMINAL.includes(last)) return data;
    if (Date.now() > deadline) throw new Error(`import ${id} still ${last} after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

function printEntity(entity: Json) {
  const stats = (entity.stats ?? {}) as Record<string, { source: number; fetched: number; imported: number }>;
  console.log(`  entity ${String(entity.id)} ${String(entity.source_full_path)} -> ${String(entity.destination_full_path)}  [${String(entity.status)}${entity.has_failures ? ", has failures" : ""}]`);
  for (const [relation, counts] of Object.entries(stats)) {
    console.log(`      ${relation.padEnd(12)} source ${counts.source}  fetched ${counts.fetched}  imported ${counts.imported}`);
  }
}

async function main() {
  console.log(`1. Start: ${sourceUrl} ${sourceGroup} -> ${destinationNamespace || "(top level)"}`);
  const { data: created } = await startImport(process.env.DESTINATION_SLUG ?? slugFor("demo"));
  console.log(`  201 ${JSON.stringify(created)}`);
  const id = Number(created.id);

  console.log("2. Follow until it ends");
  const ended = await follow(id);
  console.log(`  ${JSON.stringify(ended)}`);

  console.log("3. List imports (newest first)");
  const { data: imports, headers } = await api<Json[]>("GET", "/bulk_imports?per_page=5&sort=desc");
  console.log(`  x-total ${headers.get("x-total")}, x-total-pages ${headers.get("x-total-pages")}`);
  for (const row of imports) console.log(`  import ${String(row.id)} ${String(row.status)} from ${String(row.source_url)} created ${String(row.created_at)}`);

  console.log(`4. Entities of import ${id}, with stats`);
  const { data: entities } = await api<Json[]>("GET", `/bulk_imports/${id}/entities?per_page=100&sort=asc`);
  entities.forEach(printEntity);
  const { headers: finishedHeaders } = await api<Json[]>("GET", "/bulk_imports/entities?status=finished&per_page=1");
  console.log(`  finished entities across all my imports: ${finishedHeaders.get("x-total")}`);

  console.log("5. Failures");
  for (const entity of entities) {
    const { data: failures, headers: failureHeaders } = await api<Json[]>("GET", `/bulk_imports/${id}/entities/${String(entity.id)}/failures?per_page=20`);
    console.log(`  entity ${String(entity.id)}: ${failureHeaders.get("x-total")} failure(s)`);
    for (const failure of failures) console.log(`      ${String(failure.relation)} ${String(failure.exception_class)}: ${String(failure.exception_message)}`);
  }

  console.log("6. Start another import and cancel it");
  const { data: second } = await startImport(slugFor("cancel"));
  console.log(`  201 import ${String(second.id)} ${String(second.status)}`);
  const { data: canceled } = await api<Json>("POST", `/bulk_imports/${String(second.id)}/cancel`);
  console.log(`  200 ${JSON.stringify(canceled)}`);
  const { data: afterCancel } = await api<Json[]>("GET", `/bulk_imports/${String(second.id)}/entities`);
  for (const entity of afterCancel) console.log(`  entity ${String(entity.id)} ${String(entity.source_full_path)}: ${String(entity.status)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

/** A readable API reference rendered on the server from the OpenAPI document (no external scripts). */
type Doc = { paths?: Record<string, Record<string, { summary?: string; tags?: string[]; parameters?: unknown[]; requestBody?: unknown }>> };

const esc = (s: string) => s.replace(/[&<>"']/g, (m) => `&#${m.charCodeAt(0)};`);

export function renderDocsPage(doc: Doc): string {
  const rows: string[] = [];
  for (const [path, ops] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(ops)) {
      rows.push(
        `<tr><td><code class="m ${esc(method)}">${esc(method.toUpperCase())}</code></td><td><code>${esc(path)}</code></td><td>${esc(op.tags?.join(', ') ?? '')}</td><td>${esc(op.summary ?? '')}</td></tr>`,
      );
    }
  }
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>物业运营管理系统 API</title><style>
body{font-family:system-ui,-apple-system,'PingFang SC','Noto Sans CJK SC',sans-serif;margin:24px;color:#222}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;padding:6px 8px;text-align:left;font-size:14px}
code{font-size:13px}.m{display:inline-block;min-width:56px;font-weight:600}.get{color:#1989fa}.post{color:#07c160}.patch{color:#ff976a}.delete{color:#ee0a24}
</style></head><body><h1>物业运营管理系统 API</h1>
<p>Machine-readable document: <a href="/api/openapi.json">/api/openapi.json</a>. Errors always have the shape
<code>{"error":{"code","message","details"}}</code>. Money and areas are decimal strings.</p>
<table><thead><tr><th>Method</th><th>Path</th><th>Tag</th><th>Summary</th></tr></thead><tbody>${rows.join('')}</tbody></table></body></html>`;
}

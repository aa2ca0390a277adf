/**
 * The audit as one self-contained HTML page: inline CSS, no scripts, no external requests, so it can be
 * attached to a CI run or mailed around. Same content as the Markdown report: headline, scorecard by guide
 * section, endpoints worst first, findings, skipped files and notes. All text is escaped.
 */
import type { AuditReport, Endpoint, ScorecardItem } from '../types';
import {
  coverageLine,
  endpointLabel,
  findingsByEndpoint,
  frameworkSummary,
  headline,
  itemRules,
  locationLabel,
  plural,
  rulesSummary,
  runDescription,
  shortRule,
  statusText,
} from './shared';

export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

/** Only http(s) links are emitted; anything else becomes plain text. */
function link(url: string | undefined, text: string): string {
  if (!url || !/^https?:\/\//.test(url)) return escapeHtml(text);
  return `<a href="${escapeHtml(url)}">${escapeHtml(text)}</a>`;
}

const STYLE = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --warn: #9a6700; --ok: #1a7f37; --bad: #cf222e; --bg-alt: #f6f8fa; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --warn: #d29922; --ok: #3fb950; --bad: #f85149; --bg-alt: #151b23; } }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); margin: 2rem auto; max-width: 72rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .25rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid var(--line); padding-bottom: .3rem; }
.muted { color: var(--muted); } .warn { color: var(--warn); font-weight: 600; } .ok { color: var(--ok); } .bad { color: var(--bad); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; } th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--bg-alt); } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.section td { background: var(--bg-alt); font-weight: 600; } code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; }
a { color: inherit; }
`;

function statusCell(item: ScorecardItem): string {
  if (item.status === 'checked') {
    return item.findings > 0 ? `<span class="warn">${plural(item.findings, 'finding')}</span>` : '<span class="ok">clean</span>';
  }
  return `<span class="muted">${escapeHtml(statusText(item))}</span>`;
}

function rulesCell(item: ScorecardItem): string {
  const { inactive } = itemRules(item);
  const active = item.rules.filter((rule) => rule.active).map((rule) => `<code>${link(rule.url, shortRule(rule.id))}</code>`);
  const off = inactive.length > 0 ? `<span class="muted">not enabled: ${inactive.map((name) => `<code>${escapeHtml(name)}</code>`).join(', ')}</span>` : '';
  return [active.join(', '), off].filter(Boolean).join(' ');
}

/** The handler's name and, when it lives elsewhere than the route, where. */
function handlerCell(endpoint: Endpoint): string {
  const name = endpoint.handlerName ? `<code>${escapeHtml(endpoint.handlerName)}</code>` : '';
  const where = endpoint.handler && endpoint.handler.file !== endpoint.location.file ? `<br><span class="muted">${escapeHtml(locationLabel(endpoint.handler))}</span>` : '';
  return name + where;
}

export function formatHtml(report: AuditReport): string {
  const body: string[] = [];
  body.push(`<h1>backend-perf audit</h1>`);
  body.push(`<p><strong>${escapeHtml(headline(report))}</strong><br><span class="muted">${escapeHtml(runDescription(report))}, ${(report.run.durationMs / 1000).toFixed(1)} s</span></p>`);

  body.push('<h2>Scorecard by guide section</h2>', `<p class="muted">${escapeHtml(coverageLine(report))}.</p>`);
  body.push('<table><thead><tr><th>Guide item</th><th>Status</th><th>Rules</th></tr></thead><tbody>');
  for (const section of report.scorecard) {
    const count = section.findings === 0 ? '<span class="ok">clean</span>' : `<span class="warn">${plural(section.findings, 'finding')}</span>`;
    body.push(`<tr class="section"><td>${link(section.url, section.title)}</td><td>${count}</td><td></td></tr>`);
    for (const item of section.items) body.push(`<tr><td>${link(item.url, item.title)}</td><td>${statusCell(item)}</td><td>${rulesCell(item)}</td></tr>`);
  }
  body.push('</tbody></table>');

  body.push('<h2>Endpoints, worst first</h2>');
  if (report.endpoints.length === 0) {
    body.push('<p class="muted">No HTTP endpoints found (Express, Fastify, Koa, Hono, NestJS, Next.js).</p>');
  } else {
    const byEndpoint = findingsByEndpoint(report);
    body.push(`<p class="muted">${escapeHtml(`${plural(report.endpoints.length, 'endpoint')}: ${frameworkSummary(report)}`)}</p>`);
    body.push('<table><thead><tr><th class="num">Findings</th><th>Endpoint</th><th>Handler</th><th>Declared at</th><th>Rules</th></tr></thead><tbody>');
    for (const endpoint of report.endpoints) {
      const count = endpoint.findings > 0 ? `<span class="warn">${endpoint.findings}</span>` : '<span class="muted">0</span>';
      body.push(
        `<tr><td class="num">${count}</td><td><code>${escapeHtml(endpointLabel(endpoint))}</code></td>` +
          `<td>${handlerCell(endpoint)}</td><td><code>${escapeHtml(locationLabel(endpoint.location))}</code></td>` +
          `<td>${escapeHtml(rulesSummary(byEndpoint.get(endpoint.id) ?? []))}</td></tr>`,
      );
    }
    body.push('</tbody></table>');
  }

  body.push(`<h2>Findings (${report.findings.length})</h2>`);
  if (report.findings.length === 0) body.push('<p class="ok">No findings.</p>');
  else {
    const endpointsById = new Map(report.endpoints.map((endpoint) => [endpoint.id, endpoint]));
    body.push('<table><thead><tr><th>Location</th><th>Rule</th><th>Message</th><th>Endpoints</th></tr></thead><tbody>');
    for (const finding of report.findings) {
      const reached = finding.endpoints.map((id) => endpointsById.get(id)).filter((endpoint) => endpoint !== undefined);
      body.push(
        `<tr><td><code>${escapeHtml(locationLabel(finding))}</code></td><td><code>${escapeHtml(shortRule(finding.ruleId))}</code></td>` +
          `<td>${escapeHtml(finding.message)}</td><td>${reached.length === 0 ? '<span class="muted">none</span>' : reached.map((endpoint) => `<code>${escapeHtml(endpointLabel(endpoint))}</code>`).join('<br>')}</td></tr>`,
      );
    }
    body.push('</tbody></table>');
  }

  if (report.skipped.length > 0) {
    body.push(`<h2 class="bad">Skipped ${plural(report.skipped.length, 'file')}</h2><ul>`);
    for (const skipped of report.skipped) body.push(`<li><code>${escapeHtml(locationLabel(skipped))}</code> ${escapeHtml(skipped.message)}</li>`);
    body.push('</ul>');
  }
  if (report.notes.length > 0) {
    body.push('<h2>Notes</h2><ul>');
    for (const note of report.notes) body.push(`<li>${escapeHtml(note)}</li>`);
    body.push('</ul>');
  }
  body.push(`<p class="muted">${link(report.tool.informationUri, `${report.tool.name} ${report.tool.version}`)}</p>`);

  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No scripts and no external resources: the page works offline and is safe to open.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>backend-perf audit: ${escapeHtml(headline(report))}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

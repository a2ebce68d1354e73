/**
 * axe-core in the window, for the accessibility checks (issue 10). The app's CSP allows only its
 * own scripts, so a <script> tag (page.addScriptTag) is refused; axe's source is evaluated
 * through the DevTools protocol instead, which the page's CSP doesn't govern. The CSP stays as
 * it ships.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

/** What axe finds on the page as it is now, serious and critical only (the bar issue 10 sets). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** One line per violation: its id, impact, help, and the elements it was found on. */
export function violationLines(violations: readonly AxeViolation[]): string[] {
  return violations.map((v) => {
    const targets = v.nodes
      .slice(0, 5)
      .map((n) => n.target.join(' '))
      .join(' | ');
    const more = v.nodes.length > 5 ? ` (+${v.nodes.length - 5} more)` : '';
    const why = v.nodes[0]?.failureSummary?.replace(/\s+/g, ' ').trim();
    return `${v.id} [${v.impact}] ${v.help} — on ${targets}${more}${why ? ` — ${why}` : ''}`;
  });
}

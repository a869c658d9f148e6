import { escapeHtml, html } from '../../../src/cli/report/html-escape';
import { createHtmlSink } from '../../../src/cli/report/html-sink';
import type { Verdict } from '../../../src/core/model';
import {
  leashEvent,
  scenarioVerdicts,
  StringOutput,
  summaryOf,
  verdict,
  organisationVerdicts,
} from './verdict-fixtures';

function render(verdicts: Verdict[], maxTimelinePoints?: number): string {
  const out = new StringOutput();
  const sink = createHtmlSink({ out, maxTimelinePoints });
  for (const v of verdicts) sink.onVerdict(v);
  void sink.finish(summaryOf(verdicts));
  // Markup is formatted by Prettier: compare with whitespace collapsed.
  return out.text.replace(/\s+/g, ' ');
}

const XSS = '<script>alert(1)</script>';

function hostileVerdicts(): Verdict[] {
  const event = leashEvent({
    time: '2026-03-14T10:00:00Z',
    eventSource: 's3.amazonaws.com',
    eventName: `GetObject${XSS}`,
    action: 's3:GetObject',
    userAgent: `Boto3/1.35 ${XSS}"><img src=x onerror=alert(2)>`,
    errorCode: `<b>AccessDenied</b>`,
  });
  return [
    verdict(event, [
      {
        detector: `x.y${XSS}`,
        category: 'out-of-baseline',
        severity: 'high',
        message: `read ${XSS} from bucket`,
        evidence: [`id-${XSS}`],
      },
    ]),
  ];
}

describe('html report', () => {
  it('is one self-contained page: no scripts, no network, no external fonts', () => {
    const page = render(scenarioVerdicts());
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toContain('Content-Security-Policy');
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<link\b/i);
    expect(page).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(page).not.toMatch(/@import|@font-face|url\(/i);
  });

  it('escapes attacker-controlled text everywhere (a <script> in a userAgent never appears raw)', () => {
    const page = render(hostileVerdicts());
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<b>AccessDenied');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
  });

  it('shows the timeline coloured by verdict, the incident and the plan', () => {
    const page = render(scenarioVerdicts());
    for (const cls of ['clean', 'high', 'critical'])
      expect(page).toMatch(new RegExp(`<circle class="c-${cls}"`));
    expect(page).toContain('ci-fixer#1');
    expect(page).toContain('Response that would have run (mode enforce)');
    expect(page).toContain('iam:DetachRolePolicy');
    const [timeline, incidents] = page.split('<h2>Incidents');
    // One dot per call on the agent's timeline; the incident's zoom shows the calls in its window.
    expect((timeline.match(/<circle /g) ?? []).length).toBe(scenarioVerdicts().length);
    expect((incidents.match(/<circle /g) ?? []).length).toBe(16);
  });

  it('folds large timelines into time buckets so the page stays bounded', () => {
    const many: Verdict[] = [];
    for (let i = 0; i < 5000; i += 1) {
      const time = new Date(Date.parse('2026-03-14T00:00:00Z') + i * 15_000)
        .toISOString()
        .replace('.000', '');
      many.push(
        verdict(
          leashEvent({
            time,
            eventSource: 's3.amazonaws.com',
            eventName: 'GetObject',
            action: 's3:GetObject',
          }),
        ),
      );
    }
    many.push(...scenarioVerdicts());
    const page = render(many, 1000);
    expect(page).not.toMatch(/<circle /);
    expect(page).toContain('counts per time bucket');
    const rects = (page.match(/<rect class="c-/g) ?? []).length;
    expect(rects).toBeGreaterThan(10);
    expect(rects).toBeLessThanOrEqual(400 * 5);
    expect(page.length).toBeLessThan(400_000);
  });

  it('tells apart principals bound to one baseline in the findings table, as the text report does', () => {
    // A what-if run (`--agent '*=ci-fixer'`): two roles, one baseline.
    const found = (principalArn: string, time: string): Verdict => {
      const event = leashEvent({
        time,
        eventSource: 'iam.amazonaws.com',
        eventName: 'AttachRolePolicy',
        action: 'iam:AttachRolePolicy',
      });
      const v = verdict(event, [
        {
          detector: 'privesc.policy-attachment',
          category: 'privilege-escalation',
          severity: 'high',
          message: 'm',
        },
      ]);
      return { ...v, agent: { principalArn, baseline: 'ci-fixer' } };
    };
    const page = render([
      found('arn:aws:iam::111122223333:role/agents/builder', '2026-03-14T10:00:00Z'),
      found('arn:aws:iam::111122223333:role/agents/reviewer', '2026-03-14T10:05:00Z'),
    ]);
    const findings = page.slice(page.indexOf('<h2>Findings by category'));
    expect(findings).toContain('<b>ci-fixer · builder</b>');
    expect(findings).toContain('<b>ci-fixer · reviewer</b>');
  });

  it('escapes through the html tag, but not trusted markup', () => {
    expect(escapeHtml(`a&b<c>"d"'e'`)).toBe('a&amp;b&lt;c&gt;&quot;d&quot;&#39;e&#39;');
    const inner = html`<i>${'<x>'}</i>`;
    expect(html`<p>${inner}${[1, '<2>']}${undefined}${false}</p>`.value).toBe(
      '<p><i>&lt;x&gt;</i>1&lt;2&gt;</p>',
    );
  });

  it('keeps its agent tables and timelines to the agents with the most severe findings', () => {
    const out = new StringOutput();
    const sink = createHtmlSink({ out, maxAgents: 5 });
    const all = organisationVerdicts(30);
    for (const v of all) sink.onVerdict(v);
    void sink.finish(summaryOf(all));
    const page = out.text.replace(/\s+/g, ' ');
    expect(page.match(/<figure class="timeline">/g)).toHaveLength(5);
    expect(page).toContain('arn:aws:iam::111122223333:role/agents/ci-fixer');
    expect(page).toContain('26 more agents not shown here or in the timeline');
    // The agents card still counts every agent.
    expect(page).toMatch(/<span class="n">31<\/span><span class="l">agents<\/span>/);
  });
});

/**
 * `--format html`: one self-contained page (inline CSS, no script, no network, a CSP that forbids both)
 * with the summary, a per-agent timeline of calls coloured by verdict, the incidents with their evidence,
 * and the response plan. Bounded for large replays: timelines fold into time buckets past a number of
 * calls, incidents and evidence lists are capped.
 */
import type { Mode, Verdict } from '../../core/model';
import { html, raw, type SafeHtml } from './html-escape';
import {
  IncidentCollector,
  isResolved,
  selectIncidents,
  type EventRef,
  type FindingGroup,
  type Incident,
  type IncidentOptions,
  type PlannedStep,
} from './incidents';
import type { AgentSummary, ReportSink, ReplaySummary, TextOutput } from './report-model';
import { agentsToShow, findingRowsByAgent, SEVERITIES_DESCENDING } from './summary-builder';
import { findingsBySeverity, omittedAgentsNote, plural, summaryLines } from './summary-lines';
import { clock, serviceName, timeSpan } from './time-text';
import { HTML_STYLE } from './html-style';
import {
  columnsOf,
  TimelineCollector,
  VERDICT_CLASSES,
  type AgentTimeline,
  type TimelinePoint,
  type VerdictClass,
} from './timeline';

export interface HtmlSinkOptions {
  readonly out: TextOutput;
  /** Page title. @default 'Leash replay report' */
  readonly title?: string;
  /** Shown in the footer; omitted keeps the output reproducible. */
  readonly generatedAt?: string;
  /** Calls per agent drawn one by one before the timeline switches to time buckets. @default 1500 */
  readonly maxTimelinePoints?: number;
  /** Incidents rendered (the most severe are kept). @default 200 */
  readonly maxIncidents?: number;
  /** Agents in the tables and timelines (those with the most severe findings are kept). @default AGENTS_SHOWN */
  readonly maxAgents?: number;
  readonly incidents?: IncidentOptions;
}

export function createHtmlSink(options: HtmlSinkOptions): ReportSink {
  const incidents = new IncidentCollector(options.incidents);
  const timelines = new TimelineCollector(options.maxTimelinePoints ?? 1500);
  return {
    onVerdict(verdict: Verdict): void {
      incidents.add(verdict);
      timelines.add(verdict);
    },
    finish(summary: ReplaySummary): void {
      const page = renderHtmlReport({
        summary,
        incidents: incidents.incidents(),
        timelines: timelines.timelines(),
        title: options.title ?? 'Leash replay report',
        generatedAt: options.generatedAt,
        maxIncidents: options.maxIncidents ?? 200,
        maxAgents: options.maxAgents,
      });
      options.out.write(page);
    },
  };
}

export interface HtmlReportInput {
  readonly summary: ReplaySummary;
  readonly incidents: readonly Incident[];
  readonly timelines: readonly AgentTimeline[];
  readonly title: string;
  readonly generatedAt?: string;
  readonly maxIncidents: number;
  /** @default AGENTS_SHOWN */
  readonly maxAgents?: number;
}

/** Forbids scripts, network and external fonts even if some text escaped escaping. */
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export function renderHtmlReport(input: HtmlReportInput): string {
  const { summary, title } = input;
  const { shown, omitted } = selectIncidents(input.incidents, input.maxIncidents);
  const modes = new Map(summary.agents.map((a) => [a.principal, a.mode]));
  // A what-if run over an organisation's trail binds every principal: the page keeps to the worst agents.
  const { shown: agents, omitted: omittedAgents } = agentsToShow(summary.agents, input.maxAgents);
  const shownPrincipals = new Set(agents.map((a) => a.principal));
  const timelines = input.timelines.filter((t) => shownPrincipals.has(t.principal));
  const page = html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content="${CSP}" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <style>
          ${raw(HTML_STYLE)}
        </style>
      </head>
      <body>
        <main>
          <header class="page-head">
            <h1>${title}</h1>
            ${summaryLines(summary).map((line) => html`<p class="meta">${line.trim()}</p>`)}
          </header>
          ${severityCards(summary)} ${agentsSection(summary, agents, omittedAgents)}
          ${findingsSection(summary, agents)} ${timelineSection(timelines, input.incidents)}
          <section>
            <h2>Incidents <span class="count">${shown.length}</span></h2>
            ${shown.length === 0 ? html`<p class="quiet">No findings: every agent call stayed inside its baseline.</p>` : ''}
            ${shown.map((incident) =>
              incidentArticle(
                incident,
                modes.get(incident.principal),
                input.timelines.find((t) => t.principal === incident.principal),
              ),
            )}
            ${omitted > 0 ? html`<p class="quiet">${plural(omitted, 'less severe incident')} not shown: use --format jsonl for all findings.</p>` : ''}
          </section>
          <footer>
            Leash replay${input.generatedAt ? html` · generated ${input.generatedAt}` : ''} · what Leash would
            have done; nothing was changed.
          </footer>
        </main>
      </body>
    </html> `;
  return page.value;
}

function severityCards(summary: ReplaySummary): SafeHtml {
  const counts = findingsBySeverity(summary);
  return html`<section class="cards">
    <div class="card"><span class="n">${summary.eventsEvaluated}</span><span class="l">events</span></div>
    <div class="card"><span class="n">${summary.agents.length}</span><span class="l">agents</span></div>
    ${SEVERITIES_DESCENDING.map(
      (s) =>
        html`<div class="card sev-${s}${counts[s] === 0 ? ' zero' : ''}">
          <span class="n">${counts[s]}</span><span class="l">${s}</span>
        </div>`,
    )}
  </section>`;
}

function agentsSection(summary: ReplaySummary, agents: readonly AgentSummary[], omitted: number): SafeHtml {
  if (summary.agents.length === 0) {
    return html`<section>
      <h2>Agents</h2>
      <p class="quiet">No agent calls in this input: is a baseline bound to the roles that made them?</p>
    </section>`;
  }
  return html`<section>
    <h2>Agents</h2>
    <table class="grid">
      <thead>
        <tr>
          <th>agent</th>
          <th>mode</th>
          <th class="num">events</th>
          ${SEVERITIES_DESCENDING.map((s) => html`<th class="num">${s}</th>`)}
          <th>principal</th>
        </tr>
      </thead>
      <tbody>
        ${agents.map(
          (a) =>
            html`<tr>
              <td><b>${a.baseline}</b></td>
              <td><span class="mode">${a.mode ?? '?'}</span></td>
              <td class="num">${a.events}</td>
              ${SEVERITIES_DESCENDING.map((s) => countCell(a.findingsBySeverity[s], s))}
              <td class="mono">${a.principal}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${omitted > 0 ? html`<p class="quiet">${omittedAgentsNote(omitted, agents.length, 'not shown here or in the timeline')}</p>` : ''}
  </section>`;
}

function countCell(count: number, severity: string): SafeHtml {
  return count === 0
    ? html`<td class="num zero">·</td>`
    : html`<td class="num"><span class="pill sev-${severity}">${count}</span></td>`;
}

function findingsSection(summary: ReplaySummary, agents: readonly AgentSummary[]): SafeHtml | string {
  if (summary.findingCounts.length === 0) return '';
  const rows = findingRowsByAgent(summary, agents).flatMap(({ label, rows: categories }) =>
    categories.map(
      ({ category, counts }, i) =>
        html`<tr>
          ${i === 0 ? html`<td rowspan="${categories.length}"><b>${label}</b></td>` : ''}
          <td>${category}</td>
          ${counts.map((count, s) => countCell(count, SEVERITIES_DESCENDING[s]))}
        </tr>`,
    ),
  );
  return html`<section>
    <h2>Findings by category</h2>
    <table class="grid">
      <thead>
        <tr>
          <th>agent</th>
          <th>category</th>
          ${SEVERITIES_DESCENDING.map((s) => html`<th class="num">${s}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </section>`;
}

// ---- timeline ----------------------------------------------------------------------------------------

const WIDTH = 1200;
const GUTTER = 74;
const LANE = 20;
const AXIS = 22;
const TOP = 14;
/** Lanes top to bottom: the most severe first. */
const LANES: readonly VerdictClass[] = [...VERDICT_CLASSES].reverse();

function timelineSection(
  timelines: readonly AgentTimeline[],
  incidents: readonly Incident[],
): SafeHtml | string {
  if (timelines.length === 0) return '';
  const start = Math.min(...timelines.map((t) => t.first));
  const end = Math.max(...timelines.map((t) => t.last));
  // A single instant still needs a visible axis.
  const from = end > start ? start : start - 60_000;
  const to = end > start ? end : end + 60_000;
  return html`<section>
    <h2>Timeline</h2>
    <p class="legend">
      ${LANES.map((cls) => html`<span class="key c-${cls}"></span>${cls} `)}<span class="key band"></span
      >incident
    </p>
    ${timelines.map(
      (t) =>
        html`<figure class="timeline">
          <figcaption>
            <b>${t.baseline}</b> <span class="mono">${t.principal}</span> ·
            ${plural(t.events, 'call')}${t.points ? '' : ' · counts per time bucket'}
          </figcaption>
          ${timelineSvg(
            t,
            incidents.filter((i) => i.principal === t.principal),
            from,
            to,
          )}
        </figure>`,
    )}
  </section>`;
}

function timelineSvg(t: AgentTimeline, incidents: readonly Incident[], from: number, to: number): SafeHtml {
  const plotWidth = WIDTH - GUTTER - 10;
  const x = (time: number): number => GUTTER + ((time - from) / (to - from)) * plotWidth;
  const laneY = (cls: VerdictClass): number => TOP + LANES.indexOf(cls) * LANE;
  const height = TOP + LANES.length * LANE + AXIS;
  const bands = incidents.map((incident) => {
    const x0 = x(Date.parse(incident.start));
    const w = Math.max(4, x(Date.parse(incident.end)) - x0);
    // Short label, anchored inside the plot so it is never clipped at the right edge.
    const label = `#${incident.id.split('#').pop() ?? ''}`;
    const nearEnd = x0 + w > WIDTH - 60;
    return html`<g class="band sev-${incident.severity}"
      ><rect
        x="${fx(x0 - 2)}"
        y="${TOP - 12}"
        width="${fx(w + 4)}"
        height="${LANES.length * LANE + 12}"
        rx="3"
      ></rect
      ><text x="${fx(nearEnd ? x0 + w : x0)}" y="${TOP - 3}" text-anchor="${nearEnd ? 'end' : 'start'}"
        >${label}</text
      ><title>${incident.id}: ${incident.severity}, ${plural(incident.findings, 'finding')}</title></g
    >`;
  });
  const lanes = LANES.map(
    (cls) =>
      html`<line
          class="lane"
          x1="${GUTTER}"
          x2="${WIDTH - 10}"
          y1="${laneY(cls) + LANE / 2}"
          y2="${laneY(cls) + LANE / 2}"
        ></line
        ><text class="lane-label" x="${GUTTER - 8}" y="${laneY(cls) + LANE / 2 + 4}">${cls}</text>`,
  );
  const marks = t.points
    ? t.points
        .filter((p) => p.time >= from && p.time <= to)
        .map((p) => pointMark(p, x(p.time), laneY(p.cls) + LANE / 2))
    : bucketMarks(t, from, to, x, laneY);
  return html`<svg
    viewBox="0 0 ${WIDTH} ${height}"
    width="100%"
    role="img"
    aria-label="calls of ${t.baseline} over time"
  >
    ${bands}${lanes}${marks}${axis(from, to, x, height - AXIS + 4)}
  </svg>`;
}

function pointMark(p: TimelinePoint, cx: number, cy: number): SafeHtml {
  const r = p.cls === 'clean' ? 3 : 5;
  const label = `${p.eventTime} ${p.eventName}${p.errorCode ? ` (${p.errorCode})` : ''}: ${p.cls}`;
  return html`<circle class="c-${p.cls}" cx="${fx(cx)}" cy="${cy}" r="${r}"><title>${label}</title></circle>`;
}

function bucketMarks(
  t: AgentTimeline,
  from: number,
  to: number,
  x: (time: number) => number,
  laneY: (cls: VerdictClass) => number,
): SafeHtml[] {
  const { width, columns } = columnsOf(t.minutes ?? new Map(), from, to, 400);
  let max = 1;
  for (const counts of columns.values()) for (const n of counts) max = Math.max(max, n);
  const marks: SafeHtml[] = [];
  for (const [column, counts] of columns) {
    const x0 = x(column);
    const w = Math.max(1.5, x(column + width) - x0 - 0.5);
    counts.forEach((n, i) => {
      if (n === 0) return;
      const cls = VERDICT_CLASSES[i];
      // Log scale: one critical call in a bucket must stay visible next to thousands of clean ones.
      const opacity = 0.25 + (0.75 * Math.log1p(n)) / Math.log1p(max);
      const label = `${new Date(column).toISOString().slice(0, 16)}Z +${width / 60_000}m: ${plural(n, 'call')} ${cls}`;
      marks.push(
        html`<rect
          class="c-${cls}"
          x="${fx(x0)}"
          y="${laneY(cls) + 3}"
          width="${fx(w)}"
          height="${LANE - 6}"
          fill-opacity="${opacity.toFixed(2)}"
          ><title>${label}</title></rect
        >`,
      );
    });
  }
  return marks;
}

function axis(from: number, to: number, x: (time: number) => number, y: number): SafeHtml {
  const ticks = 6;
  const multiDay = to - from > 36 * 3600_000;
  const labels: SafeHtml[] = [];
  for (let i = 0; i <= ticks; i += 1) {
    const time = from + ((to - from) * i) / ticks;
    const iso = new Date(time).toISOString();
    const text = multiDay ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(11, 19);
    const anchor = i === 0 ? 'start' : i === ticks ? 'end' : 'middle';
    labels.push(
      html`<text class="tick" x="${fx(x(time))}" y="${y + 12}" text-anchor="${anchor}">${text}</text>`,
    );
  }
  return html`<line class="axis" x1="${GUTTER}" x2="${WIDTH - 10}" y1="${y}" y2="${y}"></line>${labels}`;
}

function fx(n: number): string {
  return n.toFixed(1);
}

// ---- incidents ---------------------------------------------------------------------------------------

function callOf(ref: EventRef): string {
  return `${serviceName(ref.eventSource)}:${ref.eventName}`;
}

/** `assumed-role/<role>/<session>` instead of the full STS ARN: the account is the same on every line. */
function shortCaller(arn: string): string {
  return arn.replace(/^arn:aws[a-z-]*:(sts|iam)::\d{12}:/, '');
}

/**
 * The agent's calls around one incident, zoomed to its span: on the page-wide timeline a burst of refused
 * calls is a single smudge. Drawn only while the agent's calls are kept one by one.
 */
function incidentZoom(incident: Incident, timeline: AgentTimeline | undefined): SafeHtml | string {
  if (!timeline?.points) return '';
  const start = Date.parse(incident.start);
  const end = Date.parse(incident.end);
  const pad = Math.max(30_000, (end - start) * 0.08);
  return html`<div class="zoom">${timelineSvg(timeline, [incident], start - pad, end + pad)}</div>`;
}

function incidentArticle(incident: Incident, mode: Mode | undefined, timeline?: AgentTimeline): SafeHtml {
  return html`<article class="incident sev-${incident.severity}" id="${incident.id}">
    <header>
      <span class="badge sev-${incident.severity}">${incident.severity}</span>
      <b>${incident.id}</b>
      <span class="when">${timeSpan(incident.start, incident.end)}</span>
      <span class="quiet">${plural(incident.findings, 'finding')} · ${incident.categories.join(', ')}</span>
    </header>
    ${incident.chainedThrough.map((role) => html`<p class="chain">Chained into <span class="mono">${role}</span>: calls made with the credentials it obtained count as this agent's.</p>`)}
    ${incidentZoom(incident, timeline)} ${incident.groups.map(groupBlock)} ${planBlock(incident.plan, mode)}
  </article>`;
}

function groupBlock(group: FindingGroup): SafeHtml {
  return html`<div class="group">
    <div class="group-head">
      <span class="pill sev-${group.severity}">${group.severity}</span>
      <span class="mono">${group.detector}</span>
      <span class="cat">${group.category}</span
      >${group.count > 1 ? html` <span class="quiet">×${group.count}</span>` : ''}
    </div>
    <p class="message">${group.message}</p>
    <table class="evidence">
      <thead>
        <tr>
          <th>time</th>
          <th>call</th>
          <th>error</th>
          <th>caller</th>
          <th>source IP</th>
          <th>user agent</th>
        </tr>
      </thead>
      <tbody>
        ${group.events.map((ref) =>
          isResolved(ref)
            ? html`<tr>
                <td class="mono nowrap">${clock(ref.eventTime)}</td>
                <td class="mono nowrap" title="${callOf(ref)} · ${ref.eventId}">${callOf(ref)}</td>
                <td class="err nowrap">${ref.errorCode ?? ''}</td>
                <td class="mono small caller" title="${ref.caller}">${shortCaller(ref.caller)}</td>
                <td class="mono small nowrap">${ref.sourceIp ?? ''}</td>
                <td class="small ua" title="${ref.userAgent ?? ''}">${ref.userAgent ?? ''}</td>
              </tr>`
            : html`<tr>
                <td></td>
                <td class="mono quiet" colspan="5">event ${ref.eventId} (not in this replay)</td>
              </tr>`,
        )}${
          group.moreEvents > 0
            ? html`<tr>
                <td></td>
                <td class="quiet" colspan="5">… ${plural(group.moreEvents, 'more event')}</td>
              </tr>`
            : ''
        }
      </tbody>
    </table>
  </div>`;
}

function planBlock(plan: readonly PlannedStep[], mode: Mode | undefined): SafeHtml {
  const modeNote = mode ? ` (mode ${mode})` : '';
  if (plan.length === 0) return html`<p class="quiet">No response would have run${modeNote}.</p>`;
  return html`<div class="plan">
    <h4>Response that would have run${modeNote}</h4>
    <ol>
      ${plan.map(
        (step) =>
          html`<li>
            <span class="step step-${step.type}">${step.type}</span> <span class="mono">${step.target}</span>
            <span class="quiet">at ${clock(step.firstAt)} on ${step.firstOn}</span>${stepDetail(step)}
            <div class="reason">${step.reason}</div>
          </li>`,
      )}
    </ol>
  </div>`;
}

function stepDetail(step: PlannedStep): SafeHtml | string {
  switch (step.type) {
    case 'deny-actions':
      return html`<div class="detail">
        deny <span class="mono">${(step.actions ?? []).join(', ')}</span>
      </div>`;
    case 'revoke-sessions':
      return step.tokenIssuedBefore
        ? html`<div class="detail">
            refuse sessions issued before <span class="mono">${step.tokenIssuedBefore}</span>
          </div>`
        : '';
    case 'undo':
      return step.call
        ? html`<div class="detail">
            <span class="mono">${step.call.operation} ${JSON.stringify(step.call.input)}</span
            >${step.needsSnapshot ? ' (from the snapshot taken before)' : ''}
          </div>`
        : html`<div class="detail">no safe reversal: needs a person</div>`;
    default:
      return '';
  }
}

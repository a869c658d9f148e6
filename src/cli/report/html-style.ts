/** The HTML report's stylesheet: inline, system fonts only (no network), readable printed or on screen. */
export const HTML_STYLE = `
:root {
  --ink: #1f2937; --muted: #6b7280; --line: #e5e7eb; --bg: #f8fafc; --card: #ffffff;
  --clean: #94a3b8; --info: #94a3b8; --low: #0ea5e9; --medium: #f59e0b; --high: #ef4444; --critical: #a21caf;
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1320px; margin: 0 auto; padding: 24px 28px 40px; }
h1 { font-size: 22px; margin: 0 0 6px; }
h2 { font-size: 17px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h2 .count { color: var(--muted); font-weight: normal; }
h4 { margin: 10px 0 6px; font-size: 13px; }
.meta { margin: 0; color: var(--muted); }
.quiet { color: var(--muted); }
.mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12.5px; }
.small { font-size: 11.5px; }
.cards { display: flex; gap: 10px; flex-wrap: wrap; margin-top: 16px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 8px 16px; min-width: 96px;
  border-top: 4px solid var(--clean); }
.card .n { display: block; font-size: 22px; font-weight: 600; }
.card .l { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.card.zero { opacity: .55; }
.card.sev-critical { border-top-color: var(--critical); } .card.sev-high { border-top-color: var(--high); }
.card.sev-medium { border-top-color: var(--medium); } .card.sev-low { border-top-color: var(--low); }
.card.sev-info { border-top-color: var(--info); }
table { border-collapse: collapse; }
table.grid { background: var(--card); border: 1px solid var(--line); }
.grid th, .grid td { padding: 5px 12px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
.grid th { font-size: 12px; color: var(--muted); font-weight: 600; background: #f1f5f9; }
.num { text-align: right !important; }
.zero { color: #cbd5e1; }
.mode { padding: 1px 7px; border-radius: 10px; background: #e0e7ff; color: #3730a3; font-size: 12px; }
.pill, .badge { display: inline-block; padding: 0 7px; border-radius: 10px; color: #fff; font-size: 12px; font-weight: 600; }
.badge { text-transform: uppercase; padding: 2px 9px; letter-spacing: .04em; }
.sev-critical.pill, .sev-critical.badge { background: var(--critical); }
.sev-high.pill, .sev-high.badge { background: var(--high); }
.sev-medium.pill, .sev-medium.badge { background: var(--medium); }
.sev-low.pill, .sev-low.badge { background: var(--low); }
.sev-info.pill, .sev-info.badge { background: var(--info); }
.legend { color: var(--muted); font-size: 12px; }
.key { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin: 0 4px 0 10px; vertical-align: -1px; }
.key.band { border-radius: 2px; background: rgba(239, 68, 68, .15); border: 1px solid rgba(239, 68, 68, .5); }
.key.c-clean { background: var(--clean); } .key.c-low { background: var(--low); } .key.c-medium { background: var(--medium); }
.key.c-high { background: var(--high); } .key.c-critical { background: var(--critical); }
figure.timeline { margin: 0 0 14px; background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 8px 10px 4px; }
figcaption { font-size: 13px; margin-bottom: 2px; }
svg { display: block; }
svg text { font: 11px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: var(--muted); }
svg .lane { stroke: var(--line); }
svg .axis { stroke: #cbd5e1; }
svg .lane-label { text-anchor: end; }
svg circle.c-clean { fill: var(--clean); fill-opacity: .55; }
svg .c-low { fill: var(--low); } svg .c-medium { fill: var(--medium); } svg .c-high { fill: var(--high); }
svg .c-critical { fill: var(--critical); } svg rect.c-clean { fill: var(--clean); }
svg circle:not(.c-clean) { stroke: rgba(255, 255, 255, .7); stroke-width: .75; }
.zoom { margin: 10px 0 2px; max-width: 900px; }
svg .band rect { fill: rgba(239, 68, 68, .08); stroke: rgba(239, 68, 68, .35); stroke-dasharray: 3 2; }
svg .band.sev-critical rect { fill: rgba(162, 28, 175, .08); stroke: rgba(162, 28, 175, .45); }
svg .band.sev-medium rect, svg .band.sev-low rect, svg .band.sev-info rect { fill: rgba(245, 158, 11, .08); stroke: rgba(245, 158, 11, .45); }
svg .band text { font-weight: 600; fill: var(--ink); }
article.incident { background: var(--card); border: 1px solid var(--line); border-left: 5px solid var(--clean);
  border-radius: 8px; padding: 12px 16px; margin: 0 0 16px; }
article.incident.sev-critical { border-left-color: var(--critical); } article.incident.sev-high { border-left-color: var(--high); }
article.incident.sev-medium { border-left-color: var(--medium); } article.incident.sev-low { border-left-color: var(--low); }
article.incident header { display: flex; gap: 12px; align-items: baseline; flex-wrap: wrap; }
.when { font-variant-numeric: tabular-nums; }
.chain { margin: 8px 0 0; padding: 6px 10px; background: #fef3c7; border-radius: 6px; font-size: 13px; }
.group { margin-top: 12px; padding-top: 8px; border-top: 1px dashed var(--line); }
.group-head .cat { color: var(--muted); font-size: 12px; margin-left: 6px; }
.message { margin: 4px 0 6px; }
table.evidence { width: 100%; font-size: 12.5px; table-layout: fixed; }
.evidence th:nth-child(1) { width: 70px; } .evidence th:nth-child(2) { width: 230px; }
.evidence th:nth-child(3) { width: 230px; } .evidence th:nth-child(4) { width: 290px; }
.evidence th:nth-child(5) { width: 100px; }
.evidence td { overflow: hidden; text-overflow: ellipsis; }
.evidence th { text-align: left; color: var(--muted); font-weight: 600; font-size: 11.5px; padding: 2px 10px 2px 0; }
.evidence td { padding: 2px 10px 2px 0; border-top: 1px solid #f1f5f9; vertical-align: top; }
.evidence .err { color: var(--high); font-weight: 600; }
.evidence .ua { color: var(--muted); white-space: nowrap; }
.evidence .nowrap { white-space: nowrap; }
.evidence .caller { overflow-wrap: anywhere; }
.plan { margin-top: 12px; padding: 8px 12px; background: #f8fafc; border-radius: 6px; }
.plan ol { margin: 0; padding-left: 20px; }
.plan li { margin: 4px 0; }
.step { display: inline-block; min-width: 136px; font-weight: 600; }
.step-alert { color: #0369a1; } .step-deny-actions { color: #b45309; } .step-revoke-sessions { color: #b91c1c; }
.step-quarantine { color: #7e22ce; } .step-undo { color: #047857; }
.detail { margin-left: 140px; }
.reason { margin-left: 140px; color: var(--muted); font-size: 12.5px; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
@media print { body { background: #fff; } article.incident, figure.timeline { break-inside: avoid; } }
`;

/** `leash explain` as a person reads it: one section per question, plain when piped. */
import pc from 'picocolors';
import { printable } from '../report/summary-lines';
import type { Explanation } from './explain-event';

export function renderExplanation(x: Explanation, color: boolean): string {
  const c = pc.createColors(color);
  const p = printable;
  const lines: string[] = [];
  const head = (title: string): void => {
    lines.push('', c.bold(title));
  };
  lines.push(
    c.bold(`${p(x.eventSource)} ${p(x.eventName)}`) +
      c.dim(`  ${p(x.eventTime)}  ${p(x.region)}  ${p(x.eventId)}`),
  );
  if (x.errorCode) lines.push(c.red(`refused: ${p(x.errorCode)}`));

  head('IDENTITY');
  const id = x.identity;
  lines.push(`  type       ${id.type}`, `  principal  ${p(id.principalArn)}`);
  if (id.callerArn && id.callerArn !== id.principalArn) lines.push(`  caller     ${p(id.callerArn)}`);
  if (id.sessionName) lines.push(`  session    ${p(id.sessionName)}`);
  if (id.sourceIdentity) lines.push(`  source identity  ${p(id.sourceIdentity)}`);
  if (id.accessKeyId) lines.push(`  access key ${p(id.accessKeyId)}`);
  if (id.crossAccount) lines.push(c.yellow(`  cross-account caller (account ${p(id.accountId ?? '?')})`));

  head('ACTION');
  lines.push(
    `  ${p(x.action.action)}  (${x.action.accessLevel})` +
      (x.action.known ? '' : c.yellow('  not in the IAM catalog: mapped best-effort')),
  );
  for (const resource of x.resources) lines.push(c.dim(`  resource ${p(resource)}`));

  head('BASELINE');
  if (!x.agent) {
    lines.push(
      `  no baseline binds ${p(id.principalArn)}: not an agent, so Leash would not judge this call.`,
      c.dim("  (bind it with --agent '<principal glob>=<baseline>', or a baseline's bind: section)"),
    );
    return `${lines.join('\n')}\n`;
  }
  lines.push(`  agent ${p(x.agent.baseline)} (mode ${x.agent.mode}) from ${p(x.agent.baselineSource)}`);
  const d = x.baselineDecision;
  if (d?.allowed && d.statement) {
    const where =
      d.statement.line !== undefined
        ? `${p(x.agent.baselineSource)}:${d.statement.line}`
        : p(x.agent.baselineSource);
    const sid = d.statement.sid ? ` "${p(d.statement.sid)}"` : '';
    lines.push(c.green(`  allowed by allow[${d.statement.index}]${sid} at ${where}`));
    if (d.statementText)
      lines.push(
        c.dim(
          `    actions ${d.statementText.actions.map(p).join(', ')}; resources ${d.statementText.resources.map(p).join(', ')}`,
        ),
      );
    if (d.resourceUnverified)
      lines.push(
        c.yellow('  the statement restricts resources, but the record named none Leash could check'),
      );
  } else if (d?.allowed) {
    lines.push(c.green('  allowed'));
  } else {
    lines.push(c.red(`  not allowed: ${reasonText(d?.reason)}`));
  }

  head('DETECTORS');
  for (const det of x.detectors) {
    const mark = det.fired ? c.red('fired    ') : c.dim('quiet    ');
    lines.push(`  ${mark}${det.id}  ${c.dim(det.category)}`);
    for (const f of det.findings) lines.push(`      ${f.severity}: ${p(f.message)}`);
  }
  lines.push(c.dim(`  (${x.detectorsNotApplicable} more detectors do not watch ${p(x.action.action)})`));

  head('VERDICT AND PLAN');
  lines.push(x.severity ? `  severity ${x.severity}` : c.green('  no findings'));
  if (x.plan.length === 0) lines.push(c.dim(`  no response would run (mode ${x.agent.mode})`));
  for (const step of x.plan) {
    const detail = step.actions ? ` ${step.actions.join(', ')}` : step.call ? ` ${step.call.operation}` : '';
    lines.push(`  ${step.type}${detail} → ${p(step.target)}`, c.dim(`      ${p(step.reason)}`));
  }
  return `${lines.join('\n')}\n`;
}

function reasonText(reason: string | undefined): string {
  switch (reason) {
    case 'action':
      return 'no statement names this action';
    case 'sensitive':
      return 'a sensitive action is only matched by a wildcard — sensitive actions must be listed exactly';
    case 'resource':
      return 'the action is allowed, but not on this resource';
    case 'region':
      return 'the action is allowed, but not in this region';
    case 'account':
      return 'the action is allowed, but not in this account';
    default:
      return reason ?? 'no statement allows it';
  }
}

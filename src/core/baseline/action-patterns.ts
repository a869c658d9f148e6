/**
 * Checks of the action patterns a baseline writes, against the IAM catalog. A typo must be an error, not a
 * statement that silently grants nothing (or, with a wildcard, something else): `s3:GetObjekt`, `lamda:*`
 * and `s3:Gte*` are all refused here. Breadth that is legal but worth a reviewer's second look is a warning.
 */
import type { ActionCatalog } from '../catalog/iam-catalog';
import { isSensitiveAction } from '../catalog/sensitive-actions';
import type { AccessLevel } from '../model';
import { compileGlob, hasWildcard } from './glob';

const ACTION_SYNTAX = /^[A-Za-z0-9*?-]+:[A-Za-z0-9*?_-]+$/;
/** How many sensitive actions a warning names before it says "and N more". */
const LISTED = 5;

export interface PatternCheck {
  readonly error?: string;
  readonly warnings: readonly string[];
}

interface MatchedAction {
  readonly action: string;
  readonly accessLevel: AccessLevel;
}

/**
 * Check one entry of a statement's `actions`. `anyResource` tells whether the statement applies to every
 * resource, which makes a wildcard over Write or Permissions-management actions over-broad.
 */
export function checkActionPattern(
  pattern: string,
  catalog: ActionCatalog,
  anyResource: boolean,
): PatternCheck {
  if (pattern === '*') {
    return {
      warnings: ['* grants every non-sensitive action of every service; list the actions the agent needs'],
    };
  }
  if (!ACTION_SYNTAX.test(pattern)) {
    return {
      error: `'${pattern}' is not an IAM action: write service:Action (e.g. s3:GetObject) or '*'`,
      warnings: [],
    };
  }
  const [servicePart, actionPart] = pattern.split(':');
  if (!hasWildcard(pattern)) {
    const error = checkExactAction(pattern, catalog);
    return error ? { error, warnings: [] } : { warnings: [] };
  }

  const services = matchingServices(servicePart, catalog);
  if (typeof services === 'string') return { error: services, warnings: [] };

  const matched = matchingActions(services, actionPart, catalog);
  if (matched.length === 0) {
    return {
      error: `'${pattern}' matches no IAM action${suggestActionGlob(services, actionPart, catalog)}`,
      warnings: [],
    };
  }
  const sensitive: string[] = [];
  const granted: MatchedAction[] = [];
  for (const m of matched) {
    if (isSensitiveAction(m.action)) sensitive.push(m.action);
    else granted.push(m);
  }
  if (granted.length === 0) {
    return {
      error:
        `'${pattern}' matches only sensitive actions (${list(sensitive)}), which a wildcard never grants: ` +
        'name each one exactly',
      warnings: [],
    };
  }

  const warnings: string[] = [];
  if (servicePart.replace(/[*?]/g, '') === '') {
    warnings.push(
      `'${pattern}' grants ${granted.length} actions across all services; list the actions the agent needs`,
    );
  } else if (actionPart === '*') {
    warnings.push(
      `'${pattern}' grants every non-sensitive ${servicePart} action (${granted.length}); list the actions the agent needs`,
    );
  } else if (anyResource) {
    const writes = granted.filter((m) => m.accessLevel === 'Write').length;
    const permissions = granted.filter((m) => m.accessLevel === 'Permissions management').length;
    if (writes + permissions > 0) {
      const what = [
        writes > 0 ? `${writes} Write` : '',
        permissions > 0 ? `${permissions} Permissions-management` : '',
      ]
        .filter((s) => s !== '')
        .join(' and ');
      warnings.push(
        `'${pattern}' grants ${what} action(s) on every resource; narrow the actions or the resources`,
      );
    }
  }
  if (sensitive.length > 0 && !hasWildcard(servicePart)) {
    warnings.push(
      `'${pattern}' does not grant the sensitive ${list(sensitive)}: a wildcard never does, name them exactly ` +
        'if the agent needs them',
    );
  }
  return { warnings };
}

/** Error message for an exact action the catalog does not know, or undefined when it is known. */
export function checkExactAction(action: string, catalog: ActionCatalog): string | undefined {
  if (!ACTION_SYNTAX.test(action) || hasWildcard(action)) {
    return `'${action}' is not an exact IAM action: write service:Action (e.g. lambda:UpdateAlias)`;
  }
  const [service, name] = action.split(':');
  // A few sensitive actions are CloudTrail-only APIs the IAM reference lacks (sso:GetRoleCredentials) or
  // retired ones (codestar): they stay nameable, since naming them exactly is the only way to grant them.
  if (isSensitiveAction(action)) return undefined;
  if (!catalog.hasService(service)) return unknownService(service, catalog);
  if (catalog.lookup(service, name)) return undefined;
  const guess = closest(name, catalog.actionsOf(service));
  return `unknown IAM action '${action}'${guess ? ` (did you mean '${service.toLowerCase()}:${guess}'?)` : ''}`;
}

function matchingServices(servicePart: string, catalog: ActionCatalog): readonly string[] | string {
  if (!hasWildcard(servicePart)) {
    return catalog.hasService(servicePart)
      ? [servicePart.toLowerCase()]
      : unknownService(servicePart, catalog);
  }
  const glob = compileGlob(servicePart, { ignoreCase: true });
  const services = catalog.services().filter(glob);
  return services.length > 0
    ? services
    : `service pattern '${servicePart}' matches no IAM service: check the prefix (e.g. s3, lambda)`;
}

function matchingActions(
  services: readonly string[],
  actionPart: string,
  catalog: ActionCatalog,
): MatchedAction[] {
  const glob = compileGlob(actionPart, { ignoreCase: true });
  const matched: MatchedAction[] = [];
  for (const service of services) {
    for (const name of catalog.actionsOf(service)) {
      if (!glob(name)) continue;
      const accessLevel = catalog.lookup(service, name)?.accessLevel ?? 'Unknown';
      matched.push({ action: `${service}:${name}`, accessLevel });
    }
  }
  return matched;
}

function unknownService(service: string, catalog: ActionCatalog): string {
  const guess = closest(service, catalog.services());
  return `unknown IAM service prefix '${service}'${guess ? ` (did you mean '${guess}'?)` : ''}`;
}

/** For a wildcard that matches nothing, point at the literal part's nearest action when there is one. */
function suggestActionGlob(services: readonly string[], actionPart: string, catalog: ActionCatalog): string {
  if (services.length !== 1) return '';
  const literal = actionPart.replace(/[*?]/g, '');
  if (literal.length < 3) return '';
  const names = catalog.actionsOf(services[0]);
  const prefixes = new Set(names.map((n) => n.slice(0, literal.length)));
  const guess = closest(literal, [...prefixes]);
  return guess ? ` (did you mean '${services[0]}:${actionPart.replace(literal, guess)}'?)` : '';
}

function list(actions: readonly string[]): string {
  const shown = actions.slice(0, LISTED).join(', ');
  return actions.length > LISTED ? `${shown} and ${actions.length - LISTED} more` : shown;
}

/** The candidate nearest to `word` (case-insensitive edit distance), if it is close enough to be a typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const target = word.toLowerCase();
  const limit = Math.max(1, Math.min(3, Math.floor(target.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - target.length) > limit) continue;
    const distance = editDistance(target, candidate.toLowerCase(), bestDistance);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance with transpositions counted as one edit, giving up once it exceeds `cap`. */
function editDistance(a: string, b: string, cap: number): number {
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, prevPrev[j - 2] + 1);
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin >= cap) return cap;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length];
}

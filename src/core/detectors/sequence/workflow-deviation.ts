import type { CompiledBaseline, Workflow } from '../../baseline/compiled-baseline';
import type { Detector, DetectorContext, DetectorResult } from '../detector';
import { findingOf } from '../finding';
import { BoundedCache } from '../../bounded-cache';

/** Where an action sits in a declared workflow, with the state keys precomputed. */
interface WorkflowStep {
  readonly workflow: Workflow;
  readonly index: number;
  /** Mark key of this step. */
  readonly key: string;
  /** Mark key of the previous step (undefined for the first). */
  readonly previousKey?: string;
  readonly previousAction?: string;
}

type StepIndex = ReadonlyMap<string, readonly WorkflowStep[]>;

/** Baselines are compiled once and reused: index their workflows once per baseline (lower-cased actions). */
const indexes = new WeakMap<CompiledBaseline, StepIndex>();
/** Lower-casing every event's action would allocate per event; actions are few, so remember each once. */
const lowerCased = new BoundedCache<string, string>(10_000);

function lower(action: string): string {
  let l = lowerCased.get(action);
  if (l === undefined) {
    l = action.toLowerCase();
    lowerCased.set(action, l);
  }
  return l;
}

function indexOf(baseline: CompiledBaseline): StepIndex {
  let index = indexes.get(baseline);
  if (index !== undefined) return index;
  const built = new Map<string, WorkflowStep[]>();
  for (const workflow of baseline.workflows) {
    workflow.steps.forEach((action, i) => {
      const step: WorkflowStep = {
        workflow,
        index: i,
        key: `sequence.workflow:${workflow.name}:${i}`,
        previousKey: i > 0 ? `sequence.workflow:${workflow.name}:${i - 1}` : undefined,
        previousAction: i > 0 ? workflow.steps[i - 1] : undefined,
      };
      const k = action.toLowerCase();
      built.set(k, [...(built.get(k) ?? []), step]);
    });
  }
  index = built;
  indexes.set(baseline, index);
  return index;
}

/**
 * A declared workflow step whose previous step was not seen within the workflow's time: the agent is doing a
 * known task out of order or from the middle, which is how a hijacked agent reuses its permissions.
 */
export const workflowDeviation: Detector = {
  id: 'sequence.workflow-deviation',
  category: 'sequence',
  severity: 'medium',
  rationale: 'A workflow step without its predecessor means the agent is not doing the task it declared.',
  evaluate(ctx: DetectorContext): DetectorResult {
    if (ctx.baseline.workflows.length === 0) return undefined;
    const event = ctx.event;
    const level = event.action.accessLevel;
    if (level !== 'Write' && level !== 'Permissions management') return undefined;
    const steps = indexOf(ctx.baseline).get(lower(event.action.action));
    if (steps === undefined) return undefined;
    const succeeded = event.errorCode === undefined;
    let explained = false;
    let deviation: WorkflowStep | undefined;
    for (const step of steps) {
      const inOrder =
        step.previousKey === undefined ||
        ctx.state.recall(step.previousKey, event.time, step.workflow.withinMs) !== undefined;
      if (succeeded) ctx.state.mark(step.key, { eventId: event.eventId, time: event.time });
      // One workflow that explains the call is enough.
      if (inOrder) explained = true;
      else deviation ??= step;
    }
    if (explained) return undefined;
    if (deviation === undefined) return undefined;
    return findingOf(workflowDeviation, ctx, {
      message: `${ctx.agent.principalArn} called ${event.action.action} (step ${deviation.index + 1} of workflow ${deviation.workflow.name}) without ${deviation.previousAction} before it`,
      details: {
        workflow: deviation.workflow.name,
        step: deviation.index,
        expectedPrevious: deviation.previousAction,
      },
    });
  },
};

/**
 * Judges one SQS batch of CloudTrail events: envelope → normalised event → engine → alerts. Built once per
 * cold start (catalog, baselines, engine) so warm invocations only judge; the engine's de-duplication and
 * windows then span invocations of the same container.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { BaselineError, parseBaseline, type CompiledBaseline } from '../../src/core/baseline';
import { catalogFromData } from '../../src/core/catalog/action-catalog';
import { DEFAULT_DETECTOR_SETTINGS } from '../../src/core/detectors/detector';
import { LeashCore } from '../../src/core/leash-core';
import type { Verdict } from '../../src/core/model';
import { parseEventTime } from '../../src/core/normalize/event-time';
import type { LeashData } from '../shared/leash-data';
import { cloudTrailDetail, type EnvelopeResult } from './envelope';

/** What the evaluator needs to tell the world about an alert (SnsAlerts in the function). */
export interface AlertPublisher {
  publish(verdict: Verdict): Promise<string | undefined>;
}

export interface EvaluatorOptions {
  readonly data: LeashData;
  readonly alerts: AlertPublisher;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** The function's own role: never a target of containment, whatever the configuration says. */
  readonly ownRoleArn?: string;
}

export class Evaluator {
  /** The same decision path as replay: normaliser, agent directory, detectors, planner. */
  private readonly core: LeashCore;
  private readonly alerts: AlertPublisher;
  private readonly logger: Logger;
  private readonly metrics: Metrics;
  private readonly processor = new BatchProcessor(EventType.SQS);
  /**
   * Alerts whose publish failed. SQS redelivers the message, but the engine has already seen its eventID
   * and would drop it as a duplicate; the retry publishes from here instead, so a failed publish is
   * retried, never lost.
   */
  private readonly unsentAlerts = new Map<string, Verdict>();

  constructor(options: EvaluatorOptions) {
    const { data } = options;
    this.alerts = options.alerts;
    this.logger = options.logger;
    this.metrics = options.metrics;
    const catalog = catalogFromData(data.catalog);
    const baselines: CompiledBaseline[] = [];
    for (const source of data.baselines) {
      const result = parseBaseline(source.text, source.file, catalog);
      // Synth validated these files; failing here means the bundle and the catalog disagree. Judging
      // without the baseline would be a silent allow, so the cold start fails instead.
      if (!result.baseline) throw new BaselineError(result.errors);
      baselines.push(result.baseline);
    }
    this.core = new LeashCore({
      catalog,
      baselines,
      settings: { ...DEFAULT_DETECTOR_SETTINGS, agentTagKey: data.agentTagKey },
      protectedPrincipals: [...data.protectedPrincipals, ...(options.ownRoleArn ? [options.ownRoleArn] : [])],
      // A batch is ordered below; events across batches are judged as they come.
      reorderWindowMs: 0,
    });
    this.logger.info('evaluator ready', { baselines: baselines.map((b) => `${b.name} (${b.mode})`) });
  }

  async handleBatch(event: SQSEvent, context?: Context): Promise<SQSBatchResponse> {
    const envelopes = new Map<string, EnvelopeResult>();
    for (const record of event.Records) {
      envelopes.set(record.messageId, cloudTrailDetail(record.body, record.messageId));
    }
    // Detectors with windows and chains expect time order; the queue gives none.
    const ordered = [...event.Records].sort(
      (a, b) => timeOf(envelopes.get(a.messageId)) - timeOf(envelopes.get(b.messageId)),
    );
    return processPartialResponse(
      { Records: ordered },
      (record: SQSRecord) => this.processRecord(record, envelopes.get(record.messageId)),
      this.processor,
      // Sequential: the engine is stateful and must see the batch in the order just established.
      { ...(context ? { context } : {}), processInParallel: false },
    );
  }

  /** Resolves when the record is done with; rejects only for failures a redelivery can fix. */
  private async processRecord(record: SQSRecord, envelope: EnvelopeResult | undefined): Promise<void> {
    const parsed = envelope ?? cloudTrailDetail(record.body, record.messageId);
    if (!parsed.ok) return this.malformed(record, parsed.error);
    const normalized = this.core.normalizer.normalize(parsed.detail);
    if (!normalized.ok) return this.malformed(record, normalized.error);
    const event = normalized.event;

    const unsent = this.unsentAlerts.get(event.eventId);
    if (unsent) {
      await this.publish(unsent);
      this.unsentAlerts.delete(event.eventId);
      return;
    }

    const verdicts: Verdict[] = [];
    this.core.engine.push(event, (v) => verdicts.push(v));
    for (const verdict of verdicts) await this.act(verdict);
  }

  private async act(verdict: Verdict): Promise<void> {
    const eventID = verdict.event.eventId;
    const agent = verdict.agent.principalArn;
    this.metrics.addMetric('EventsJudged', MetricUnit.Count, 1);
    if (verdict.findings.length === 0) return;
    this.metrics.addMetric('Findings', MetricUnit.Count, verdict.findings.length);
    for (const f of verdict.findings) {
      this.logger.warn('finding', {
        eventID,
        agent,
        baseline: verdict.agent.baseline,
        detector: f.detector,
        category: f.category,
        severity: f.severity,
        action: verdict.event.action.action,
        message: f.message,
      });
    }
    for (const step of verdict.plan) {
      if (step.type === 'alert') continue;
      // deny-actions, revoke-sessions, quarantine and undo are carried out by the responder, a later issue;
      // until then the evaluator only records what it would have done.
      this.logger.info('planned', {
        eventID,
        agent,
        severity: verdict.severity,
        step: step.type,
        reason: step.reason,
      });
    }
    if (verdict.plan.some((s) => s.type === 'alert')) {
      try {
        await this.publish(verdict);
      } catch (error) {
        this.unsentAlerts.set(eventID, verdict);
        throw error;
      }
    }
  }

  private async publish(verdict: Verdict): Promise<void> {
    const messageId = await this.alerts.publish(verdict);
    this.metrics.addMetric('AlertsPublished', MetricUnit.Count, 1);
    this.logger.info('alert published', {
      eventID: verdict.event.eventId,
      agent: verdict.agent.principalArn,
      severity: verdict.severity,
      snsMessageId: messageId,
    });
  }

  /**
   * A record Leash cannot read is not retried (a redelivery reads the same bytes) but never passes
   * silently: it is logged with its message id and counted, so an alarm can watch the metric.
   */
  private malformed(record: SQSRecord, error: string): void {
    this.metrics.addMetric('MalformedRecords', MetricUnit.Count, 1);
    this.logger.error('malformed record', { messageId: record.messageId, error });
  }
}

function timeOf(envelope: EnvelopeResult | undefined): number {
  if (!envelope?.ok) return -Infinity;
  const time =
    typeof envelope.detail.eventTime === 'string' ? parseEventTime(envelope.detail.eventTime) : NaN;
  return Number.isNaN(time) ? -Infinity : time;
}

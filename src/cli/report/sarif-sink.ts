/**
 * `--format sarif`: SARIF 2.1.0 for code-scanning dashboards and SIEMs that read it. One rule per detector
 * seen, one result per finding; the logical location names the agent and the event, the physical location
 * is the log file the record came from when the input was a file. Results are written as they are found
 * (memory stays flat); the rules and the summary, known only at the end, follow them in the run.
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, Severity, Verdict } from '../../core/model';
import { indentedJson, StreamedJsonArray } from './json-stream';
import type { RecordOrigin, ReportSink, ReplaySummary, TextOutput } from './report-model';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export type SarifLevel = 'error' | 'warning' | 'note';

export interface SarifSinkOptions {
  readonly out: TextOutput;
  /** Leash's version, for `tool.driver.version`. */
  readonly toolVersion?: string;
  /** One line per detector id (e.g. the detector's rationale); defaults to its category and id. */
  readonly describeDetector?: (detectorId: string) => string | undefined;
}

export function sarifLevel(severity: Severity): SarifLevel {
  switch (severity) {
    case 'critical':
    case 'high':
      return 'error';
    case 'medium':
      return 'warning';
    case 'low':
    case 'info':
      return 'note';
  }
}

export interface SarifRule {
  readonly id: string;
  readonly shortDescription: { readonly text: string };
  readonly defaultConfiguration: { readonly level: SarifLevel };
  readonly properties: { readonly category: string; readonly tags: readonly string[] };
}

export interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: SarifLevel;
  readonly message: { readonly text: string };
  readonly locations: readonly SarifLocation[];
  readonly partialFingerprints: Readonly<Record<string, string>>;
  readonly properties: Readonly<Record<string, unknown>>;
}

export interface SarifLocation {
  readonly physicalLocation?: { readonly artifactLocation: { readonly uri: string } };
  readonly logicalLocations: readonly {
    readonly name: string;
    readonly fullyQualifiedName: string;
    readonly kind: string;
  }[];
}

export interface SarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: readonly {
    readonly tool: {
      readonly driver: {
        readonly name: string;
        readonly version?: string;
        readonly informationUri?: string;
        readonly rules: readonly SarifRule[];
      };
    };
    readonly results: readonly SarifResult[];
    readonly properties: { readonly summary: ReplaySummary };
  }[];
}

/** The opening of the document, up to the run's `results` array. */
const SARIF_HEAD = `{\n  "$schema": ${JSON.stringify(SARIF_SCHEMA)},\n  "version": "2.1.0",\n  "runs": [\n    {\n      "results": [`;

/** A URI reference for an input file: `s3://` kept, absolute paths as `file://`, relative ones encoded. */
export function artifactUri(file: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) return file;
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return encodeURI(file.split('\\').join('/'));
}

export function createSarifSink(options: SarifSinkOptions): ReportSink {
  const { out } = options;
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  let results: StreamedJsonArray | undefined;
  const open = (): StreamedJsonArray => {
    if (!results) {
      out.write(SARIF_HEAD);
      results = new StreamedJsonArray(out, 3);
    }
    return results;
  };

  const indexOf = (finding: Finding): number => {
    const known = ruleIndex.get(finding.detector);
    if (known !== undefined) return known;
    const text = options.describeDetector?.(finding.detector) ?? `${finding.category}: ${finding.detector}`;
    rules.push({
      id: finding.detector,
      shortDescription: { text },
      defaultConfiguration: { level: sarifLevel(finding.severity) },
      properties: { category: finding.category, tags: ['security', finding.category] },
    });
    ruleIndex.set(finding.detector, rules.length - 1);
    return rules.length - 1;
  };

  return {
    onVerdict(verdict: Verdict, origin?: RecordOrigin): void {
      if (verdict.findings.length === 0) return;
      const { event, agent } = verdict;
      const array = open();
      for (const finding of verdict.findings) {
        const location: SarifLocation = {
          ...(origin ? { physicalLocation: { artifactLocation: { uri: artifactUri(origin.file) } } } : {}),
          logicalLocations: [
            {
              name: event.eventId,
              fullyQualifiedName: `${agent.principalArn}/${event.eventId}`,
              kind: 'resource',
            },
          ],
        };
        const result: SarifResult = {
          ruleId: finding.detector,
          ruleIndex: indexOf(finding),
          level: sarifLevel(finding.severity),
          message: { text: finding.message },
          locations: [location],
          partialFingerprints: { 'leashFindingKey/v1': finding.key },
          properties: {
            agent: agent.baseline,
            agentPrincipal: agent.principalArn,
            principal: event.identity.callerArn ?? event.identity.principalArn,
            category: finding.category,
            severity: finding.severity,
            eventID: event.eventId,
            eventTime: event.eventTime,
            eventName: event.eventName,
            eventSource: event.eventSource,
            region: event.region,
            errorCode: event.errorCode ?? null,
            chainedThrough: agent.chainedThrough ?? null,
            ...(origin?.index !== undefined ? { recordIndex: origin.index } : {}),
          },
        };
        array.push(result);
      }
    },
    finish(summary: ReplaySummary): void {
      open().close();
      const tool = {
        driver: {
          name: 'leash',
          ...(options.toolVersion ? { version: options.toolVersion } : {}),
          rules,
        },
      };
      out.write(
        `,\n      "tool": ${indentedJson(tool, 3)},\n      "properties": ${indentedJson({ summary }, 3)}\n    }\n  ]\n}\n`,
      );
    },
  };
}

import {
  artifactUri,
  createSarifSink,
  sarifLevel,
  SARIF_SCHEMA,
  type SarifLog,
} from '../../../src/cli/report/sarif-sink';
import { AGENT_ROLE, scenarioVerdicts, StringOutput, summaryOf } from './verdict-fixtures';

function render(describeDetector?: (id: string) => string | undefined): SarifLog {
  const verdicts = scenarioVerdicts();
  const out = new StringOutput();
  const sink = createSarifSink({ out, toolVersion: '0.1.0', describeDetector });
  verdicts.forEach((v, index) =>
    sink.onVerdict(v, { file: 'examples/scenario/111122223333_CloudTrail_eu-west-1_x.json', index }),
  );
  void sink.finish(summaryOf(verdicts));
  return JSON.parse(out.text) as SarifLog;
}

describe('sarif report', () => {
  it('is SARIF 2.1.0 with one rule per detector seen and one result per finding', () => {
    const log = render();
    expect(log.$schema).toBe(SARIF_SCHEMA);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const [run] = log.runs;
    expect(run.tool.driver.name).toBe('leash');
    expect(run.tool.driver.version).toBe('0.1.0');
    const ruleIds = run.tool.driver.rules.map((r) => r.id);
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    expect(ruleIds.sort()).toEqual(
      [
        'baseline.out-of-baseline',
        'credential.secret-value',
        'cross.assume-role',
        'exfil.public-bucket-policy',
        'privesc.attach-policy',
        'sequence.secret-then-share',
        'velocity.refused-burst',
      ].sort(),
    );
    for (const rule of run.tool.driver.rules) expect(rule.shortDescription.text).toContain(rule.id);
    expect(run.results).toHaveLength(7);
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(result.message.text.length).toBeGreaterThan(0);
      const [location] = result.locations;
      expect(location.physicalLocation?.artifactLocation.uri).toBe(
        'examples/scenario/111122223333_CloudTrail_eu-west-1_x.json',
      );
      const [logical] = location.logicalLocations;
      expect(logical.fullyQualifiedName).toBe(`${AGENT_ROLE}/${logical.name}`);
      expect(logical.name).toBe(result.properties.eventID);
    }
  });

  it('maps severities to levels', () => {
    expect(['critical', 'high', 'medium', 'low', 'info'].map((s) => sarifLevel(s as never))).toEqual([
      'error',
      'error',
      'warning',
      'note',
      'note',
    ]);
    const log = render();
    const attach = log.runs[0].results.find((r) => r.ruleId === 'privesc.attach-policy')!;
    expect(attach.level).toBe('error');
    const oob = log.runs[0].results.find((r) => r.ruleId === 'baseline.out-of-baseline')!;
    expect(oob.level).toBe('warning');
  });

  it('writes results as they come, and the document as JSON.stringify lays it out', () => {
    const verdicts = scenarioVerdicts();
    const out = new StringOutput();
    const sink = createSarifSink({ out, toolVersion: '0.1.0' });
    const firstFinding = verdicts.findIndex((v) => v.findings.length > 0);
    verdicts.slice(0, firstFinding + 1).forEach((v) => sink.onVerdict(v));
    expect(out.text).toContain(`"eventID": "${verdicts[firstFinding].event.eventId}"`);
    verdicts.slice(firstFinding + 1).forEach((v) => sink.onVerdict(v));
    void sink.finish(summaryOf(verdicts));
    expect(out.text).toBe(`${JSON.stringify(JSON.parse(out.text), null, 2)}\n`);
    const empty = new StringOutput();
    const clean = createSarifSink({ out: empty });
    void clean.finish(summaryOf([]));
    const log = JSON.parse(empty.text) as SarifLog;
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].tool.driver.rules).toEqual([]);
    expect(empty.text).toBe(`${JSON.stringify(log, null, 2)}\n`);
  });

  it('uses the detector descriptions it is given', () => {
    const log = render((id) => (id === 'privesc.attach-policy' ? 'Attaching a policy to a role' : undefined));
    const rule = log.runs[0].tool.driver.rules.find((r) => r.id === 'privesc.attach-policy')!;
    expect(rule.shortDescription.text).toBe('Attaching a policy to a role');
  });

  it('omits the physical location when the input was not a file, and writes file URIs', () => {
    const out = new StringOutput();
    const sink = createSarifSink({ out });
    const [v] = scenarioVerdicts().filter((x) => x.findings.length > 0);
    sink.onVerdict(v);
    void sink.finish(summaryOf([v]));
    const log = JSON.parse(out.text) as SarifLog;
    expect(log.runs[0].results[0].locations[0].physicalLocation).toBeUndefined();
    expect(artifactUri('s3://trail-bucket/AWSLogs/x.json.gz')).toBe('s3://trail-bucket/AWSLogs/x.json.gz');
    expect(artifactUri('/tmp/logs dir/a.json')).toBe('file:///tmp/logs%20dir/a.json');
    expect(artifactUri('logs dir\\a.json')).toBe('logs%20dir/a.json');
  });
});

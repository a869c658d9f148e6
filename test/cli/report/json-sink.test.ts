import { createJsonSink, type JsonReport } from '../../../src/cli/report/json-sink';
import { createJsonlSink } from '../../../src/cli/report/jsonl-sink';
import { scenarioVerdicts, StringOutput, summaryOf } from './verdict-fixtures';

describe('json report', () => {
  it('writes one valid document { findings, summary } with the jsonl objects', () => {
    const verdicts = scenarioVerdicts();
    const summary = summaryOf(verdicts);
    const out = new StringOutput();
    const lines = new StringOutput();
    const json = createJsonSink({ out });
    const jsonl = createJsonlSink({ out: lines });
    for (const v of verdicts) {
      json.onVerdict(v);
      jsonl.onVerdict(v);
    }
    void json.finish(summary);
    expect(out.text).toBe(out.text.trimEnd() + '\n');
    const report = JSON.parse(out.text) as JsonReport;
    expect(Object.keys(report)).toEqual(['findings', 'summary']);
    // Laid out as JSON.stringify lays out the whole document, though written piece by piece.
    expect(out.text).toBe(`${JSON.stringify(report, null, 2)}\n`);
    expect(report.summary).toEqual(JSON.parse(JSON.stringify(summary)));
    expect(report.findings).toEqual(
      lines.text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
    );
  });

  it('writes an empty findings list for a clean replay', () => {
    const out = new StringOutput();
    const sink = createJsonSink({ out });
    void sink.finish(summaryOf([]));
    expect(JSON.parse(out.text).findings).toEqual([]);
    expect(out.text).toBe(`${JSON.stringify(JSON.parse(out.text), null, 2)}\n`);
  });

  it('writes each finding as it comes, holding none until the end', () => {
    const verdicts = scenarioVerdicts();
    const out = new StringOutput();
    const sink = createJsonSink({ out });
    const firstFinding = verdicts.findIndex((v) => v.findings.length > 0);
    verdicts.slice(0, firstFinding + 1).forEach((v) => sink.onVerdict(v));
    expect(out.text).toContain(`"eventID": "${verdicts[firstFinding].event.eventId}"`);
  });
});

import { problemLines } from '../../src/cli/problem-lines';

describe('problemLines', () => {
  it('prints the first problems, counts the rest, and never passes control characters to the terminal', () => {
    const printed: string[] = [];
    const lines = problemLines((line) => printed.push(line), 2);
    // A parser message quoting a hostile record: an escape sequence and a forged second line.
    lines.add('logs/a.json: Unexpected token \u001b[2J"\nleash: all clear');
    lines.add('logs/b.json.gz: unexpected end of file');
    lines.add('logs/c.json: not JSON');
    lines.finish(' input problems');
    expect(printed).toEqual([
      'logs/a.json: Unexpected token \uFFFD[2J"\uFFFDleash: all clear',
      'logs/b.json.gz: unexpected end of file',
      '… and 1 more input problems',
    ]);
    expect(lines.count()).toBe(3);
  });
});

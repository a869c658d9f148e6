/** A reader that stops early (`leash replay … | head`) ends the run quietly, with the status a shell expects. */
import { EventEmitter } from 'node:events';
import { exitWhenOutputCloses } from '../../src/cli/main';
import { EXIT_OUTPUT_CLOSED } from '../../src/cli/usage-error';

describe('exitWhenOutputCloses', () => {
  const failure = (code: string): NodeJS.ErrnoException => Object.assign(new Error(code), { code });

  it('exits with 141 on EPIPE', () => {
    const stdout = new EventEmitter();
    const exits: number[] = [];
    exitWhenOutputCloses(stdout, (code) => exits.push(code));
    stdout.emit('error', failure('EPIPE'));
    expect(exits).toEqual([EXIT_OUTPUT_CLOSED]);
    expect(EXIT_OUTPUT_CLOSED).toBe(141);
  });

  it('lets any other output error through', () => {
    const stdout = new EventEmitter();
    const exits: number[] = [];
    exitWhenOutputCloses(stdout, (code) => exits.push(code));
    expect(() => stdout.emit('error', failure('ENOSPC'))).toThrow('ENOSPC');
    expect(exits).toEqual([]);
  });
});

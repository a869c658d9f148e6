/**
 * What `baseline generate` keeps of an agent's history stays bounded however many resources it named: past
 * a limit, resources fold one path level up, and the patterns still cover every resource seen.
 */
import { compileGlobs } from '../../../src/core/baseline/glob';
import { resourcePatterns } from '../../../src/cli/generate/baseline-yaml';
import { ObservedHistory, RESOURCE_LIMIT } from '../../../src/cli/generate/observed-history';
import { widerPattern } from '../../../src/cli/generate/resource-widening';
import { eventFor, ROLE_ARN } from '../../core/baseline/events';

function observe(action: string, resources: readonly string[]) {
  const history = new ObservedHistory();
  for (const resource of resources) history.add(eventFor(action, { resources: [resource] }), ROLE_ARN);
  const observed = history.actions.get(action);
  if (!observed) throw new Error(`${action} not observed`);
  return observed;
}

describe('ObservedHistory resources', () => {
  it('keeps every resource while they are few', () => {
    const observed = observe('s3:GetObject', [
      'arn:aws:s3:::ci-artifacts/a.zip',
      'arn:aws:s3:::ci-artifacts/b.zip',
    ]);
    expect([...observed.resources]).toEqual([
      'arn:aws:s3:::ci-artifacts/a.zip',
      'arn:aws:s3:::ci-artifacts/b.zip',
    ]);
    expect(resourcePatterns(observed)).toEqual([
      'arn:aws:s3:::ci-artifacts/a.zip',
      'arn:aws:s3:::ci-artifacts/b.zip',
    ]);
  });

  it('folds millions of objects into the places they were in, still covering each one', () => {
    const objects = Array.from(
      { length: RESOURCE_LIMIT * 3 },
      (_, i) => `arn:aws:s3:::ci-artifacts/builds/run-${i % 40}/part-${i}.bin`,
    );
    const observed = observe('s3:GetObject', objects);
    expect(observed.resources.size).toBeLessThanOrEqual(RESOURCE_LIMIT);
    expect(observed.resourceFolds).toBe(1);
    const patterns = resourcePatterns(observed) ?? [];
    // One pattern per run folder: widened as far as the history asks, no further.
    expect(patterns).toEqual(
      Array.from({ length: 40 }, (_, i) => `arn:aws:s3:::ci-artifacts/builds/run-${i}/*`).sort(),
    );
    const covered = compileGlobs(patterns);
    expect(objects.every((arn) => covered(arn))).toBe(true);
  });

  it('allows every resource when even their roots are too many to list', () => {
    const buckets = Array.from({ length: RESOURCE_LIMIT + 1 }, (_, i) => `arn:aws:s3:::tenant-${i}`);
    const observed = observe('s3:ListBucket', buckets);
    expect(observed.everyResource).toBe(true);
    expect(observed.resources.size).toBe(0);
    expect(resourcePatterns(observed)).toBeUndefined();
  });

  it('widens one level at a time and never past a resource’s root', () => {
    expect(widerPattern('arn:aws:s3:::b/logs/2026/a.json')).toBe('arn:aws:s3:::b/logs/2026/*');
    expect(widerPattern('arn:aws:s3:::b/logs/2026/*')).toBe('arn:aws:s3:::b/logs/*');
    expect(widerPattern('arn:aws:s3:::b/*')).toBe('arn:aws:s3:::b/*');
    expect(widerPattern('arn:aws:s3:::b')).toBe('arn:aws:s3:::b');
    expect(widerPattern('arn:aws:iam::111122223333:role/agents/ci-fixer')).toBe(
      'arn:aws:iam::111122223333:role/agents/*',
    );
    expect(widerPattern('arn:aws:iam::111122223333:role/*')).toBe('arn:aws:iam::111122223333:role/*');
  });
});

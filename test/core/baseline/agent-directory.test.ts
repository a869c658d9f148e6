import { loadActionCatalog, type ActionCatalog } from '../../../src/core/catalog/iam-catalog';
import { AgentDirectory } from '../../../src/core/baseline/agent-directory';
import type { CompiledBaseline } from '../../../src/core/baseline/compiled-baseline';
import { parseBaseline } from '../../../src/core/baseline/parse-baseline';
import { agentIdentity } from './events';

let catalog: ActionCatalog;
beforeAll(async () => {
  catalog = await loadActionCatalog();
});

function baseline(name: string, bind: string): CompiledBaseline {
  const result = parseBaseline(
    `name: ${name}\nbind: ${bind}\nallow: [{ actions: [s3:GetObject] }]\n`,
    'x',
    catalog,
  );
  if (!result.baseline) throw new Error(result.errors.map((e) => e.message).join('; '));
  return result.baseline;
}

const role = (path: string) => agentIdentity({ principalArn: `arn:aws:iam::123456789012:role/${path}` });
const user = agentIdentity({
  type: 'IAMUser',
  principalArn: 'arn:aws:iam::123456789012:user/ci-fixer',
  name: 'ci-fixer',
});

describe('AgentDirectory', () => {
  const byArn = () => baseline('by-arn', '{ roleArns: ["arn:aws:iam::*:role/agents/*"] }');
  const byName = () => baseline('by-name', '{ roleNames: ["ci-*"] }');
  const byTag = () => baseline('by-tag', '{ tags: [coder] }');

  it('binds by role ARN glob, then role name (roles only), then tag', () => {
    const tags: Record<string, string> = { 'arn:aws:iam::123456789012:role/dev/helper': 'coder' };
    const directory = new AgentDirectory([byTag(), byName(), byArn()], { tagOf: (arn) => tags[arn] });
    expect(directory.resolve(role('agents/ci-fixer'))?.name).toBe('by-arn');
    expect(directory.resolve(role('ops/CI-Fixer'))?.name).toBe('by-name');
    expect(directory.resolve(user)).toBeUndefined();
    expect(directory.resolve(role('dev/helper'))?.name).toBe('by-tag');
    expect(directory.resolve(role('dev/other'))).toBeUndefined();
  });

  it('tries baselines in name order, whatever order they were loaded in', () => {
    const zulu = baseline('zulu', '{ roleNames: ["*"] }');
    const alpha = baseline('alpha', '{ roleNames: ["ci-*"] }');
    expect(new AgentDirectory([zulu, alpha]).resolve(role('x/ci-fixer'))?.name).toBe('alpha');
    expect(new AgentDirectory([alpha, zulu]).resolve(role('x/ci-fixer'))?.name).toBe('alpha');
  });

  it('lets overrides win, in order; * matches users too', () => {
    const directory = new AgentDirectory([byArn(), byName(), byTag()], {
      overrides: [
        { principalGlob: 'arn:aws:iam::123456789012:role/agents/special', baseline: 'by-tag' },
        { principalGlob: '*', baseline: 'by-name' },
      ],
    });
    expect(directory.resolve(role('agents/special'))?.name).toBe('by-tag');
    expect(directory.resolve(role('agents/ci-fixer'))?.name).toBe('by-name');
    expect(directory.resolve(user)?.name).toBe('by-name');
  });

  it('refuses an override naming an unknown baseline', () => {
    expect(
      () => new AgentDirectory([byArn()], { overrides: [{ principalGlob: '*', baseline: 'nope' }] }),
    ).toThrow("baseline override for '*' names unknown baseline 'nope' (loaded: by-arn)");
  });

  it('resolves an agent to one shared reference per principal, naming its baseline', () => {
    const directory = new AgentDirectory([byArn()]);
    const identity = role('agents/ci-fixer');
    const resolved = directory.resolveAgent(identity);
    expect(resolved?.agent).toEqual({ principalArn: identity.principalArn, baseline: 'by-arn' });
    expect(resolved?.baseline.name).toBe('by-arn');
    expect(directory.resolveAgent(role('agents/ci-fixer'))).toBe(resolved);
    expect(directory.resolve(identity)).toBe(resolved?.baseline);
    expect(directory.resolveAgent(user)).toBeUndefined();
  });

  it('caches per principal (misses too) until invalidated', () => {
    let calls = 0;
    const registry = new Map<string, string>();
    const directory = new AgentDirectory([byTag()], {
      tagOf: (arn) => {
        calls += 1;
        return registry.get(arn);
      },
    });
    const identity = role('dev/helper');
    expect(directory.resolve(identity)).toBeUndefined();
    registry.set(identity.principalArn, 'coder');
    expect(directory.resolve(identity)).toBeUndefined();
    expect(calls).toBe(1);
    directory.invalidate(identity.principalArn);
    const resolved = directory.resolve(identity);
    expect(resolved?.name).toBe('by-tag');
    expect(directory.resolve(identity)).toBe(resolved);
    expect(calls).toBe(2);
  });
});

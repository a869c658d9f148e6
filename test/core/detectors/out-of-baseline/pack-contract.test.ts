import { loadActionCatalog } from '../../../../src/core/catalog/iam-catalog';
import { crossBoundaryDetectors } from '../../../../src/core/detectors/cross-boundary';
import { defenseEvasionDetectors } from '../../../../src/core/detectors/defense-evasion';
import { outOfBaselineDetectors } from '../../../../src/core/detectors/out-of-baseline';
import { sequenceDetectors } from '../../../../src/core/detectors/sequence';
import { velocityDetectors } from '../../../../src/core/detectors/velocity';
import { CATEGORIES, SEVERITIES } from '../../../../src/core/model';
import { SIGN_IN_EVENT_ACTIONS } from '../../../../src/core/catalog/sign-in-events';

const families: Record<string, string> = {
  evasion: 'defense-evasion',
  boundary: 'cross-boundary',
  velocity: 'velocity',
  sequence: 'sequence',
  baseline: 'out-of-baseline',
};

describe('the detectors of defense-evasion, cross-boundary, velocity, sequence and out-of-baseline', () => {
  const all = [
    ...defenseEvasionDetectors,
    ...crossBoundaryDetectors,
    ...velocityDetectors,
    ...sequenceDetectors,
    ...outOfBaselineDetectors,
  ];

  it('have unique `<family>.<name>` ids, a valid category and severity, and a rationale', () => {
    expect(new Set(all.map((d) => d.id)).size).toBe(all.length);
    for (const d of all) {
      const [family, name] = d.id.split('.');
      expect(name).toMatch(/^[a-z0-9-]+$/);
      expect(families[family]).toBe(d.category);
      expect(CATEGORIES).toContain(d.category);
      expect(SEVERITIES).toContain(d.severity);
      expect(d.rationale.trim().length).toBeGreaterThan(10);
      expect(d.rationale).not.toContain('\n');
    }
  });

  it('trigger only on exact IAM actions the catalog knows, spelled as IAM spells them', async () => {
    const catalog = await loadActionCatalog();
    for (const d of all) {
      if (d.triggers === undefined) continue;
      expect(d.triggers.length).toBeGreaterThan(0);
      expect(new Set(d.triggers).size).toBe(d.triggers.length);
      for (const trigger of d.triggers) {
        // Console sign-in events are authorised by no IAM action; they are listed where they are defined.
        if (SIGN_IN_EVENT_ACTIONS.includes(trigger)) continue;
        const [service, action] = trigger.split(':');
        const known = catalog.lookup(service, action);
        expect({ detector: d.id, trigger, known: known?.name === action }).toEqual({
          detector: d.id,
          trigger,
          known: true,
        });
      }
    }
  });

  it('leave triggers off only where every event must be seen', () => {
    const everyEvent = all
      .filter((d) => d.triggers === undefined)
      .map((d) => d.id)
      .sort();
    expect(everyEvent).toEqual([
      'baseline.not-allowed',
      'boundary.account',
      'boundary.chained-session',
      'boundary.region',
      'sequence.workflow-deviation',
      'velocity.discovery-burst',
      'velocity.rate',
      'velocity.refused-burst',
    ]);
  });
});

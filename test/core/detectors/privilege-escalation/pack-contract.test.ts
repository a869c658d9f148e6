/**
 * Contract of every detector in the four packs this folder family owns: unique stable ids, valid
 * category and severity, a rationale, and triggers spelled exactly as IAM actions (the pack indexes on them).
 */
import { loadActionCatalog, type ActionCatalog } from '../../../../src/core/catalog/iam-catalog';
import { credentialAccessDetectors } from '../../../../src/core/detectors/credential-access';
import { exfiltrationDetectors } from '../../../../src/core/detectors/exfiltration';
import { persistenceDetectors } from '../../../../src/core/detectors/persistence';
import { privilegeEscalationDetectors } from '../../../../src/core/detectors/privilege-escalation';
import { CATEGORIES, SEVERITIES } from '../../../../src/core/model';
import { detectorHarness } from '../../../support/detector-harness';

const PACKS = {
  'privilege-escalation': { family: 'privesc', detectors: privilegeEscalationDetectors },
  'credential-access': { family: 'credential', detectors: credentialAccessDetectors },
  exfiltration: { family: 'exfil', detectors: exfiltrationDetectors },
  persistence: { family: 'persistence', detectors: persistenceDetectors },
} as const;

const all = Object.values(PACKS).flatMap((p) => p.detectors);

describe('detector packs: privilege-escalation, persistence, credential-access, exfiltration', () => {
  let catalog: ActionCatalog;
  beforeAll(async () => {
    catalog = await loadActionCatalog();
  });

  it('have unique ids', () => {
    const ids = all.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(Object.entries(PACKS))('%s detectors use their family prefix and category', (category, pack) => {
    expect(pack.detectors.length).toBeGreaterThan(0);
    for (const detector of pack.detectors) {
      expect(detector.id).toMatch(new RegExp(`^${pack.family}\\.[a-z0-9-]+$`));
      expect(detector.category).toBe(category);
      expect(CATEGORIES).toContain(detector.category);
      expect(SEVERITIES).toContain(detector.severity);
      expect(detector.rationale.trim()).not.toBe('');
      expect(detector.rationale).not.toContain('\n');
    }
  });

  it('trigger on IAM actions spelled as the catalog spells them', () => {
    const wrong: string[] = [];
    for (const detector of all) {
      expect(detector.triggers?.length).toBeGreaterThan(0);
      for (const trigger of detector.triggers ?? []) {
        const [service, action] = trigger.split(':');
        const entry = action === undefined ? undefined : catalog.lookup(service, action);
        if (!entry || entry.name !== action) wrong.push(`${detector.id}: ${trigger}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

/** Request shapes real records show for broken, redacted or re-exported events. */
const ODD_REQUESTS: ReadonlyArray<Record<string, unknown>> = [
  {},
  {
    policyDocument: 'HIDDEN_DUE_TO_SECURITY_REASONS',
    bucketPolicy: 'invalid-json-policy',
    policy: '%7Bbroken',
  },
  {
    roleName: null,
    userName: 5,
    groupName: {},
    policyArn: [],
    principal: {},
    layers: 'x',
    instanceIds: 'i-1',
  },
  {
    ipPermissions: 'x',
    createVolumePermission: { add: 'all' },
    launchPermission: { add: { items: [null, 7] } },
  },
  { attributes: { Policy: '{"Statement":"nope"}' }, valuesToAdd: 'all', filters: null, names: [null, ''] },
  {
    launchSpecification: { iamInstanceProfile: 'profile' },
    pipelineObjects: [{ fields: [{ key: 'role' }] }],
  },
];

describe('detector packs on odd input', () => {
  it('never throw', async () => {
    const harness = await detectorHarness();
    for (const detector of all) {
      for (const trigger of detector.triggers ?? []) {
        const [service, action] = trigger.split(':');
        for (const requestParameters of ODD_REQUESTS) {
          const record = {
            eventID: `odd-${trigger}`,
            eventTime: '2024-01-01T00:00:00Z',
            eventSource: `${service}.amazonaws.com`,
            eventName: action,
            recipientAccountId: '123456789012',
            userIdentity: { type: 'AssumedRole', arn: 'arn:aws:sts::123456789012:assumed-role/agent/s' },
            requestParameters,
            responseElements: null,
          };
          const context = harness.context(record);
          // Evaluate directly: the event may not map back to the trigger (e.g. service prefixes).
          expect(() =>
            detector.evaluate({
              ...context,
              event: { ...context.event, action: { ...context.event.action, action: trigger } },
            }),
          ).not.toThrow();
        }
      }
    }
  });
});

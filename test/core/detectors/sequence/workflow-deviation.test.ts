import { workflowDeviation } from '../../../../src/core/detectors/sequence/workflow-deviation';
import {
  asAssumedRole,
  byEvent,
  corpusRecord,
  describeWithCorpus,
  type CorpusRecord,
} from '../../../support/corpus';
import { detectorHarness, testBaseline } from '../../../support/detector-harness';

describeWithCorpus('sequence.workflow-deviation', () => {
  // Terraform's real CreateRole then AttachRolePolicy on one role, re-attributed to the agent (userIdentity only).
  const role = 'stratus-red-team-ec2-steal-credentials-role';
  const onRole = (name: string): CorpusRecord =>
    asAssumedRole(
      corpusRecord(
        name,
        (r) =>
          byEvent('iam', name, null)(r) &&
          (r.requestParameters as Record<string, unknown>)?.roleName === role,
      ),
    );
  const baseline = testBaseline({
    workflows: [
      { name: 'provision-role', steps: ['iam:CreateRole', 'iam:AttachRolePolicy'], withinMs: 60_000 },
    ],
  });

  it('fires (medium) on a workflow step whose previous step was not seen', async () => {
    const h = await detectorHarness();
    const [finding] = h.run(workflowDeviation, onRole('AttachRolePolicy'), baseline);
    expect(finding).toMatchObject({ detector: 'sequence.workflow-deviation', severity: 'medium' });
    expect(finding.message).toContain('provision-role');
  });

  it('does not fire when the workflow runs in order, nor without declared workflows', async () => {
    const h = await detectorHarness();
    expect(h.run(workflowDeviation, onRole('CreateRole'), baseline)).toEqual([]);
    expect(h.run(workflowDeviation, onRole('AttachRolePolicy'), baseline)).toEqual([]);
    const fresh = await detectorHarness();
    expect(fresh.run(workflowDeviation, onRole('AttachRolePolicy'))).toEqual([]);
  });

  it('fires when the previous step is older than the workflow allows', async () => {
    const h = await detectorHarness();
    const create = onRole('CreateRole');
    create.eventTime = '2023-07-10T11:50:00Z'; // moved 5 minutes earlier to fall outside withinMs
    h.run(workflowDeviation, create, baseline);
    expect(h.run(workflowDeviation, onRole('AttachRolePolicy'), baseline)).toHaveLength(1);
  });
});

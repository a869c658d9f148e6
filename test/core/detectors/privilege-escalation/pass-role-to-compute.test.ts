import { passRoleToCompute } from '../../../../src/core/detectors/privilege-escalation/pass-role-to-compute';
import { asAssumedRole, describeWithCorpus, type CorpusRecord } from '../../../support/corpus';
import { detectorHarness, testBaseline, type Harness } from '../../../support/detector-harness';
import { atLeast, derived, only, recordById, refused, runAsPack } from './helpers';

const RUN_INSTANCES_WITH_PROFILE = '86eac0ac-8521-4126-aa32-a22f2b74d02e';
const CREATE_FUNCTION = '2e15203f-d196-441a-adeb-794b195b4a28';
const RUN_INSTANCES_WITHOUT_PROFILE = '015c585b-cbc2-4f9e-9c52-a2f22f3c09f4';
const ROLE = 'arn:aws:iam::123837392027:role/stratus-red-team-backdoor-f-lambda';

describeWithCorpus('privesc.pass-role-to-compute', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await detectorHarness();
  });

  it('raises high for RunInstances with an instance profile', () => {
    const finding = only(runAsPack(harness, passRoleToCompute, recordById(RUN_INSTANCES_WITH_PROFILE)));
    expect(finding.severity).toBe('high');
    expect(finding.details).toMatchObject({
      passedInstanceProfile: 'stratus-red-team-ec2-steal-credentials-instance',
    });
  });

  it('raises high for CreateFunction20150331 passing a role, at least high when refused', () => {
    const record = recordById(CREATE_FUNCTION);
    const finding = only(runAsPack(harness, passRoleToCompute, record));
    expect(finding.details).toMatchObject({ passedRole: ROLE, self: false });
    expect(atLeast(only(runAsPack(harness, passRoleToCompute, refused(record))).severity, 'high')).toBe(true);
  });

  it('lowers to medium when the agent passes only its own role', () => {
    // Re-attributed to the role the function receives.
    const record = asAssumedRole(recordById(CREATE_FUNCTION), ROLE);
    expect(only(runAsPack(harness, passRoleToCompute, record)).severity).toBe('medium');
  });

  it('lowers when the baseline grants iam:PassRole by exact name', () => {
    const granted = testBaseline({ allowActions: ['iam:PassRole', 'lambda:CreateFunction'] });
    expect(only(runAsPack(harness, passRoleToCompute, recordById(CREATE_FUNCTION), granted)).severity).toBe(
      'low',
    );
  });

  // The other receiving APIs have no public record: each is derived from the real CreateFunction record,
  // changing eventSource, eventName and the request to the shape the service's API reference documents.
  const variants: ReadonlyArray<[string, string, Record<string, unknown>]> = [
    ['cloudformation.amazonaws.com', 'CreateStack', { stackName: 's', roleARN: ROLE }],
    ['cloudformation.amazonaws.com', 'UpdateStackSet', { stackSetName: 's', administrationRoleARN: ROLE }],
    ['glue.amazonaws.com', 'CreateDevEndpoint', { endpointName: 'e', roleArn: ROLE }],
    ['glue.amazonaws.com', 'UpdateJob', { jobName: 'j', jobUpdate: { role: ROLE } }],
    ['ecs.amazonaws.com', 'RegisterTaskDefinition', { family: 'f', taskRoleArn: ROLE }],
    ['codebuild.amazonaws.com', 'CreateProject', { name: 'p', serviceRole: ROLE }],
    ['sagemaker.amazonaws.com', 'CreateNotebookInstance', { notebookInstanceName: 'n', roleArn: ROLE }],
    ['apprunner.amazonaws.com', 'CreateService', { instanceConfiguration: { instanceRoleArn: ROLE } }],
    ['bedrock-agentcore.amazonaws.com', 'CreateCodeInterpreter', { name: 'c', executionRoleArn: ROLE }],
    [
      'datapipeline.amazonaws.com',
      'PutPipelineDefinition',
      {
        pipelineId: 'p',
        pipelineObjects: [{ id: 'Default', fields: [{ key: 'role', stringValue: 'DataPipelineRole' }] }],
      },
    ],
    [
      'ec2.amazonaws.com',
      'RequestSpotInstances',
      {
        launchSpecification: {
          iamInstanceProfile: { name: 'stratus-red-team-ec2-steal-credentials-instance' },
        },
      },
    ],
    [
      'ec2.amazonaws.com',
      'CreateLaunchTemplate',
      { CreateLaunchTemplateRequest: { LaunchTemplateData: { IamInstanceProfile: { Arn: ROLE } } } },
    ],
  ];

  it.each(variants)('sees the role passed to %s %s', (eventSource, eventName, requestParameters) => {
    const record: CorpusRecord = derived(recordById(CREATE_FUNCTION), eventName, requestParameters, {
      eventSource,
    });
    const finding = only(runAsPack(harness, passRoleToCompute, record));
    expect(finding.details?.passedRole ?? finding.details?.passedInstanceProfile).toBeDefined();
  });

  it('does not fire on RunInstances without an instance profile', () => {
    expect(runAsPack(harness, passRoleToCompute, recordById(RUN_INSTANCES_WITHOUT_PROFILE))).toEqual([]);
  });
});

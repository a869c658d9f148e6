import { Template } from 'aws-cdk-lib/assertions';
import { buildLeash } from './leash-app';

describe('RegionForwarderStack', () => {
  it('forwards every CloudTrail API call of assumed roles to the home bus with a role limited to it', async () => {
    const { stacks } = await buildLeash({
      config: { homeRegion: 'eu-west-1', regions: ['us-east-1', 'us-west-2'] },
    });
    expect(stacks.forwarders.map((s) => s.region)).toEqual(['us-east-1', 'us-west-2']);
    const home = Template.fromStack(stacks.home);
    const busName = Object.values(home.findResources('AWS::Events::EventBus'))[0].Properties.Name as string;
    // Cross-region: built from the bus name fixed at synth, in the home region and account (partition
    // literals are on in cdk.json).
    const homeBusArn = `arn:aws:events:eu-west-1:111122223333:event-bus/${busName}`;

    for (const stack of stacks.forwarders) {
      const t = Template.fromStack(stack);
      const [roleId] = Object.keys(t.findResources('AWS::IAM::Role'));
      t.resourceCountIs('AWS::Events::Rule', 1);
      t.hasResourceProperties('AWS::Events::Rule', {
        State: 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
        EventPattern: {
          'detail-type': ['AWS API Call via CloudTrail'],
          detail: { userIdentity: { type: ['AssumedRole'] } },
        },
        Targets: [{ Arn: homeBusArn, Id: 'Target0', RoleArn: { 'Fn::GetAtt': [roleId, 'Arn'] } }],
      });
      t.resourceCountIs('AWS::IAM::Policy', 1);
      t.hasResourceProperties('AWS::IAM::Policy', {
        Roles: [{ Ref: roleId }],
        PolicyDocument: {
          Statement: [{ Action: 'events:PutEvents', Effect: 'Allow', Resource: homeBusArn }],
        },
      });
      t.hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: {
          Statement: [
            { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' } },
          ],
        },
      });
      expect(stack.dependencies).toContain(stacks.home);
    }
  });
});

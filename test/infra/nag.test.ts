import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildLeash, newApp } from './leash-app';

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged findings on the home and forwarder stacks', async () => {
    const app = newApp();
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
    await buildLeash({ app, config: { regions: ['us-east-1', 'us-west-2'] } });
    // Any violation interrupts synthesis with the report as the error message.
    expect(() => app.synth()).not.toThrow();
  });
});

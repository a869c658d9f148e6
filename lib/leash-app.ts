import type { App } from 'aws-cdk-lib';
import { validateConfig, type LeashConfig } from './config';
import type { LeashInputs } from './baseline-sources';
import { LeashStack } from './leash-stack';
import { RegionForwarderStack } from './region-forwarder-stack';

export interface LeashStacks {
  readonly home: LeashStack;
  readonly forwarders: readonly RegionForwarderStack[];
}

/** The home stack and one forwarder stack per other region. Throws on an invalid configuration. */
export function createLeashStacks(app: App, config: LeashConfig, inputs: LeashInputs): LeashStacks {
  validateConfig(config);
  const env = (region: string) => ({ ...(config.account ? { account: config.account } : {}), region });
  const home = new LeashStack(app, 'Leash', {
    env: env(config.homeRegion),
    description: 'Leash: judges AI-agent IAM roles API calls against their baselines and contains them',
    baselines: inputs.baselines,
    catalog: inputs.catalog,
    agentTagKey: config.agentTagKey,
    protectedRoles: config.protectedRoles,
    acceptForwardedEvents: config.regions.length > 0,
    ...(config.alertEmail !== undefined ? { alertEmail: config.alertEmail } : {}),
  });
  const forwarders = config.regions.map((region) => {
    const stack = new RegionForwarderStack(app, `LeashForwarder-${region}`, {
      env: env(region),
      description: `Leash: forwards agent API calls from ${region} to ${config.homeRegion}`,
      homeBus: home.ingest.bus,
    });
    // The home bus (and its policy) must exist before a forwarder targets it.
    stack.addStackDependency(home, 'forwarders target the home Leash bus');
    return stack;
  });
  return { home, forwarders };
}

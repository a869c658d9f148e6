import { actionRuleDetector } from './action-rules';

/** Stratus vpc-remove-flow-logs and dns-delete-logs; log groups hold the evidence of what ran. */
export const logDeletion = actionRuleDetector({
  id: 'evasion.log-deletion',
  severity: 'high',
  rationale: 'Deleting network, DNS or application logs destroys the evidence of what the agent did.',
  rules: {
    'ec2:DeleteFlowLogs': { what: 'deleted VPC flow logs' },
    'route53resolver:DeleteResolverQueryLogConfig': { what: 'deleted a Route 53 Resolver query log config' },
    'route53resolver:DisassociateResolverQueryLogConfig': {
      what: 'detached Route 53 Resolver query logging',
    },
    'logs:DeleteLogGroup': { severity: 'medium', what: 'deleted a CloudWatch log group' },
    'logs:DeleteLogStream': { severity: 'medium', what: 'deleted a CloudWatch log stream' },
  },
});

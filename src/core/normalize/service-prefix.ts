/**
 * CloudTrail names a service by its endpoint host (`eventSource`), IAM by its service prefix. They mostly
 * agree; these are the ones that do not.
 */
const HOST_TO_PREFIX: Readonly<Record<string, string>> = {
  monitoring: 'cloudwatch',
  email: 'ses',
  cloudcontrolapi: 'cloudformation',
  'runtime.sagemaker': 'sagemaker',
  'api.sagemaker': 'sagemaker',
  'models.lex': 'lex',
  'runtime.lex': 'lex',
  'bedrock-runtime': 'bedrock',
  'bedrock-agent': 'bedrock',
  'bedrock-agent-runtime': 'bedrock',
  'data.iot': 'iot',
  iotdata: 'iot',
  elasticmapreduce: 'elasticmapreduce',
  'streams.dynamodb': 'dynamodb',
  'execute-api': 'execute-api',
  'sso-directory': 'sso-directory',
  identitystore: 'identitystore',
  'portal.sso': 'sso',
  oidc: 'sso-oauth',
  ec2messages: 'ec2messages',
  billingconsole: 'aws-portal',
  tagging: 'tag',
  'metering-marketplace': 'aws-marketplace',
  'sqs-query': 'sqs',
};

/** `iam.amazonaws.com` → `iam`; unknown shapes fall back to the first label. */
export function servicePrefixOf(eventSource: string): string {
  const host = eventSource.endsWith('.amazonaws.com')
    ? eventSource.slice(0, -'.amazonaws.com'.length)
    : eventSource;
  return HOST_TO_PREFIX[host] ?? host;
}

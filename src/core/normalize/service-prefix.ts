/**
 * CloudTrail names a service by its endpoint host (`eventSource`), IAM by its service prefix. They mostly
 * agree; these are the ones that do not. A Map, not an object: hosts come from untrusted records, and
 * `constructor.amazonaws.com` must not find `Object.prototype.constructor`.
 */
const HOST_TO_PREFIX: ReadonlyMap<string, string> = new Map(
  Object.entries({
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
    'streams.dynamodb': 'dynamodb',
    'portal.sso': 'sso',
    oidc: 'sso-oauth',
    billingconsole: 'aws-portal',
    tagging: 'tag',
    'metering-marketplace': 'aws-marketplace',
    'sqs-query': 'sqs',
  }),
);

/** `iam.amazonaws.com` → `iam`; a host the table does not list is its own prefix. */
export function servicePrefixOf(eventSource: string): string {
  const host = eventSource.endsWith('.amazonaws.com')
    ? eventSource.slice(0, -'.amazonaws.com'.length)
    : eventSource;
  return HOST_TO_PREFIX.get(host) ?? host;
}

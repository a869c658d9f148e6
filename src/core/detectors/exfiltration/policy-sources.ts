/** Where each resource-policy call carries its policy document, per IAM action. */
import type { LeashEvent } from '../../model';
import { parsePolicyDocument, type PolicyDocument } from '../privilege-escalation/policy-document';
import { fieldAt, stringAt } from '../privilege-escalation/request-fields';

type PolicyReader = (params: Readonly<Record<string, unknown>>) => unknown;

/** IAM action → the policy document in its request (an object or a JSON string). */
export const RESOURCE_POLICY_READERS: Readonly<Record<string, PolicyReader>> = {
  'kms:PutKeyPolicy': (p) => p.policy,
  'ecr:SetRepositoryPolicy': (p) => p.policyText,
  'sqs:SetQueueAttributes': (p) => fieldAt(p, 'attributes', 'Policy'),
  'sns:SetTopicAttributes': (p) => (stringAt(p, 'attributeName') === 'Policy' ? p.attributeValue : undefined),
  'secretsmanager:PutResourcePolicy': (p) => p.resourcePolicy,
  'elasticfilesystem:PutFileSystemPolicy': (p) => p.policy,
  'backup:PutBackupVaultAccessPolicy': (p) => p.policy,
  'glacier:SetVaultAccessPolicy': (p) => fieldAt(p, 'policy', 'policy') ?? p.policy,
};

export const BUCKET_POLICY_READER: PolicyReader = (p) => p.bucketPolicy ?? p.policy;

export function policyDocumentOf(
  event: LeashEvent,
  reader: PolicyReader | undefined,
): PolicyDocument | undefined {
  return reader ? parsePolicyDocument(reader(event.requestParameters)) : undefined;
}

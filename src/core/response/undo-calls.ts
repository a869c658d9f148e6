import type { ApiCall, LeashEvent } from '../model';
import { asObject, asString, type JsonObject } from '../normalize/json-shape';

/** How to reverse one kind of change, given the event that made it. */
interface Reversal {
  /** Undefined when the record lacks what the call needs. */
  readonly call: (req: JsonObject, res: JsonObject) => ApiCall | undefined;
  /** The reversal restores state that only a snapshot taken before the change can hold. */
  readonly needsSnapshot?: boolean;
}

const SNAPSHOT = '<from snapshot>';

/** Build a call only when every required input is present. */
function callIf(operation: string, input: Record<string, unknown>): ApiCall | undefined {
  for (const value of Object.values(input)) if (value === undefined) return undefined;
  return { operation, input };
}

const s = asString;

/**
 * Take back what an EC2 Modify*Attribute call shared (the user ids and groups it added to `attribute`), or
 * undefined when it shared with nobody. `target` names the snapshot or image; `groupsField` is the
 * operation's own name for the groups list.
 */
function unshare(
  req: JsonObject,
  operation: string,
  target: Record<string, unknown>,
  attribute: string,
  groupsField: string,
): ApiCall | undefined {
  const perm = asObject(asObject(req[attribute])?.add);
  const items = Array.isArray(perm?.items) ? perm.items : [];
  const userIds: string[] = [];
  const groups: string[] = [];
  for (const item of items) {
    const o = asObject(item);
    const user = s(o?.userId);
    const group = s(o?.group);
    if (user) userIds.push(user);
    if (group) groups.push(group);
  }
  if (userIds.length === 0 && groups.length === 0) return undefined;
  return callIf(operation, {
    ...target,
    Attribute: attribute,
    OperationType: 'remove',
    UserIds: userIds,
    [groupsField]: groups,
  });
}

/** Keyed by IAM action (lower case). Only successful calls are reversed: a refused one changed nothing. */
const REVERSALS: Readonly<Record<string, Reversal>> = {
  'iam:attachrolepolicy': {
    call: (q) => callIf('iam:DetachRolePolicy', { RoleName: s(q.roleName), PolicyArn: s(q.policyArn) }),
  },
  'iam:attachuserpolicy': {
    call: (q) => callIf('iam:DetachUserPolicy', { UserName: s(q.userName), PolicyArn: s(q.policyArn) }),
  },
  'iam:attachgrouppolicy': {
    call: (q) => callIf('iam:DetachGroupPolicy', { GroupName: s(q.groupName), PolicyArn: s(q.policyArn) }),
  },
  // An inline policy of the same name may have existed: the snapshot tells delete from restore.
  'iam:putrolepolicy': {
    call: (q) => callIf('iam:DeleteRolePolicy', { RoleName: s(q.roleName), PolicyName: s(q.policyName) }),
    needsSnapshot: true,
  },
  'iam:putuserpolicy': {
    call: (q) => callIf('iam:DeleteUserPolicy', { UserName: s(q.userName), PolicyName: s(q.policyName) }),
    needsSnapshot: true,
  },
  'iam:putgrouppolicy': {
    call: (q) => callIf('iam:DeleteGroupPolicy', { GroupName: s(q.groupName), PolicyName: s(q.policyName) }),
    needsSnapshot: true,
  },
  'iam:createpolicyversion': {
    call: (q, r) =>
      callIf('iam:DeletePolicyVersion', {
        PolicyArn: s(q.policyArn),
        VersionId: s(asObject(r.policyVersion)?.versionId),
      }),
    needsSnapshot: true,
  },
  'iam:setdefaultpolicyversion': {
    call: (q) => callIf('iam:SetDefaultPolicyVersion', { PolicyArn: s(q.policyArn), VersionId: SNAPSHOT }),
    needsSnapshot: true,
  },
  'iam:updateassumerolepolicy': {
    call: (q) => callIf('iam:UpdateAssumeRolePolicy', { RoleName: s(q.roleName), PolicyDocument: SNAPSHOT }),
    needsSnapshot: true,
  },
  'iam:createaccesskey': {
    call: (q, r) => {
      const key = asObject(r.accessKey);
      return callIf('iam:UpdateAccessKey', {
        UserName: s(key?.userName) ?? s(q.userName),
        AccessKeyId: s(key?.accessKeyId),
        Status: 'Inactive',
      });
    },
  },
  'iam:createloginprofile': { call: (q) => callIf('iam:DeleteLoginProfile', { UserName: s(q.userName) }) },
  'iam:addusertogroup': {
    call: (q) => callIf('iam:RemoveUserFromGroup', { GroupName: s(q.groupName), UserName: s(q.userName) }),
  },
  'iam:createuser': { call: (q) => callIf('iam:DeleteUser', { UserName: s(q.userName) }) },
  'iam:createrole': { call: (q) => callIf('iam:DeleteRole', { RoleName: s(q.roleName) }) },
  'iam:deleterolepermissionsboundary': {
    call: (q) =>
      callIf('iam:PutRolePermissionsBoundary', { RoleName: s(q.roleName), PermissionsBoundary: SNAPSHOT }),
    needsSnapshot: true,
  },
  'iam:putrolepermissionsboundary': {
    call: (q) =>
      callIf('iam:PutRolePermissionsBoundary', { RoleName: s(q.roleName), PermissionsBoundary: SNAPSHOT }),
    needsSnapshot: true,
  },
  'iam:untagrole': {
    call: (q) => callIf('iam:TagRole', { RoleName: s(q.roleName), Tags: SNAPSHOT }),
    needsSnapshot: true,
  },
  'lambda:addpermission': {
    call: (q) =>
      callIf('lambda:RemovePermission', { FunctionName: s(q.functionName), StatementId: s(q.statementId) }),
  },
  'lambda:updatefunctioncode': {
    call: (q) => callIf('lambda:UpdateFunctionCode', { FunctionName: s(q.functionName), Code: SNAPSHOT }),
    needsSnapshot: true,
  },
  's3:putbucketpolicy': {
    call: (q) => callIf('s3:PutBucketPolicy', { Bucket: s(q.bucketName), Policy: SNAPSHOT }),
    needsSnapshot: true,
  },
  's3:putbucketacl': {
    call: (q) => callIf('s3:PutBucketAcl', { Bucket: s(q.bucketName), AccessControlPolicy: SNAPSHOT }),
    needsSnapshot: true,
  },
  's3:putbucketpublicaccessblock': {
    call: (q) =>
      callIf('s3:PutPublicAccessBlock', {
        Bucket: s(q.bucketName),
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: true,
        },
      }),
  },
  'ec2:modifysnapshotattribute': {
    call: (q) =>
      unshare(
        q,
        'ec2:ModifySnapshotAttribute',
        { SnapshotId: s(q.snapshotId) },
        'createVolumePermission',
        'GroupNames',
      ),
  },
  'ec2:modifyimageattribute': {
    call: (q) =>
      unshare(q, 'ec2:ModifyImageAttribute', { ImageId: s(q.imageId) }, 'launchPermission', 'UserGroups'),
  },
  'rds:modifydbsnapshotattribute': {
    call: (q) =>
      callIf('rds:ModifyDBSnapshotAttribute', {
        DBSnapshotIdentifier: s(q.dBSnapshotIdentifier),
        AttributeName: s(q.attributeName),
        ValuesToRemove: Array.isArray(q.valuesToAdd) ? q.valuesToAdd : undefined,
      }),
  },
  'ec2:authorizesecuritygroupingress': {
    call: (q, r) => {
      const rules = asObject(r.securityGroupRuleSet)?.items;
      const ids = Array.isArray(rules)
        ? rules.map((x) => s(asObject(x)?.securityGroupRuleId)).filter(Boolean)
        : [];
      if (ids.length === 0) return undefined;
      return callIf('ec2:RevokeSecurityGroupIngress', { GroupId: s(q.groupId), SecurityGroupRuleIds: ids });
    },
  },
  'cloudtrail:stoplogging': { call: (q) => callIf('cloudtrail:StartLogging', { Name: s(q.name) }) },
  'cloudtrail:puteventselectors': {
    call: (q) =>
      callIf('cloudtrail:PutEventSelectors', { TrailName: s(q.trailName), EventSelectors: SNAPSHOT }),
    needsSnapshot: true,
  },
  'guardduty:updatedetector': {
    call: (q) => callIf('guardduty:UpdateDetector', { DetectorId: s(q.detectorId), Enable: true }),
  },
  'config:stopconfigurationrecorder': {
    call: (q) =>
      callIf('config:StartConfigurationRecorder', {
        ConfigurationRecorderName: s(q.configurationRecorderName),
      }),
  },
  'events:disablerule': {
    call: (q) =>
      callIf('events:EnableRule', { Name: s(q.name), EventBusName: s(q.eventBusName) ?? 'default' }),
  },
  'rolesanywhere:createtrustanchor': {
    call: (_q, r) =>
      callIf('rolesanywhere:DeleteTrustAnchor', { trustAnchorId: s(asObject(r.trustAnchor)?.trustAnchorId) }),
  },
  'rolesanywhere:createprofile': {
    call: (_q, r) => callIf('rolesanywhere:DeleteProfile', { profileId: s(asObject(r.profile)?.profileId) }),
  },
};

export interface UndoCall {
  readonly call: ApiCall;
  readonly needsSnapshot: boolean;
}

/** The exact call that reverses what this event changed, when Leash knows one and the record has its inputs. */
export function undoCallFor(event: LeashEvent): UndoCall | undefined {
  if (event.errorCode) return undefined;
  const reversal = REVERSALS[event.action.action.toLowerCase()];
  if (!reversal) return undefined;
  const call = reversal.call(event.requestParameters, event.responseElements);
  return call ? { call, needsSnapshot: reversal.needsSnapshot === true } : undefined;
}

/** True when Leash knows a call that reverses this action (its undo needs the request and response). */
export function isReversible(action: string): boolean {
  return REVERSALS[action.toLowerCase()] !== undefined;
}

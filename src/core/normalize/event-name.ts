/**
 * CloudTrail `eventName` is not always the IAM action. Lambda and CloudFront append API versions
 * (`CreateFunction20150331`, `UpdateFunctionCode20150331v2`, `UpdateDistribution2017_03_25`), and some
 * services log an operation under a name that needs another action to authorise it.
 */
const VERSION_SUFFIX = /(?:\d{8}|\d{4}_\d{2}_\d{2})(?:v\d+)?$/;

/** eventName → IAM action name, per IAM service prefix, where they differ. */
const RENAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  s3: {
    ListBuckets: 'ListAllMyBuckets',
    HeadBucket: 'ListBucket',
    ListObjects: 'ListBucket',
    ListObjectsV2: 'ListBucket',
    ListObjectVersions: 'ListBucketVersions',
    HeadObject: 'GetObject',
    DeleteObjects: 'DeleteObject',
    CopyObject: 'PutObject',
    CreateMultipartUpload: 'PutObject',
    UploadPart: 'PutObject',
    UploadPartCopy: 'PutObject',
    CompleteMultipartUpload: 'PutObject',
    AbortMultipartUpload: 'AbortMultipartUpload',
    GetBucketLifecycle: 'GetLifecycleConfiguration',
    GetBucketLifecycleConfiguration: 'GetLifecycleConfiguration',
    PutBucketLifecycle: 'PutLifecycleConfiguration',
    PutBucketLifecycleConfiguration: 'PutLifecycleConfiguration',
    DeleteBucketLifecycle: 'PutLifecycleConfiguration',
    GetBucketEncryption: 'GetEncryptionConfiguration',
    PutBucketEncryption: 'PutEncryptionConfiguration',
    DeleteBucketEncryption: 'PutEncryptionConfiguration',
    GetBucketReplication: 'GetReplicationConfiguration',
    PutBucketReplication: 'PutReplicationConfiguration',
    DeleteBucketReplication: 'PutReplicationConfiguration',
    GetBucketCors: 'GetBucketCORS',
    PutBucketCors: 'PutBucketCORS',
    DeleteBucketCors: 'PutBucketCORS',
    DeleteBucketTagging: 'PutBucketTagging',
    DeleteBucketPublicAccessBlock: 'PutBucketPublicAccessBlock',
    DeleteAccountPublicAccessBlock: 'PutAccountPublicAccessBlock',
    GetAccountPublicAccessBlock: 'GetAccountPublicAccessBlock',
    DeleteBucketOwnershipControls: 'PutBucketOwnershipControls',
    GetBucketNotificationConfiguration: 'GetBucketNotification',
    PutBucketNotificationConfiguration: 'PutBucketNotification',
    GetBucketIntelligentTieringConfiguration: 'GetIntelligentTieringConfiguration',
    PutBucketIntelligentTieringConfiguration: 'PutIntelligentTieringConfiguration',
    GetBucketInventoryConfiguration: 'GetInventoryConfiguration',
    PutBucketInventoryConfiguration: 'PutInventoryConfiguration',
    GetBucketAnalyticsConfiguration: 'GetAnalyticsConfiguration',
    PutBucketAnalyticsConfiguration: 'PutAnalyticsConfiguration',
    GetBucketMetricsConfiguration: 'GetMetricsConfiguration',
    PutBucketMetricsConfiguration: 'PutMetricsConfiguration',
    GetObjectLockConfiguration: 'GetBucketObjectLockConfiguration',
    PutObjectLockConfiguration: 'PutBucketObjectLockConfiguration',
    SelectObjectContent: 'GetObject',
    RestoreObject: 'RestoreObject',
  },
  lambda: {
    Invoke: 'InvokeFunction',
    InvokeAsync: 'InvokeAsync',
    InvokeWithResponseStream: 'InvokeFunction',
  },
  monitoring: {},
  kms: { ReEncrypt: 'ReEncryptFrom' },
  sso: { Federate: 'Federate' },
  dynamodb: { BatchExecuteStatement: 'PartiQLSelect', ExecuteStatement: 'PartiQLSelect' },
  'ec2-instance-connect': {},
  'bedrock-agentcore': {},
};

/** The IAM action name (without prefix) an eventName most likely stands for, before catalog lookup. */
export function actionNameOf(service: string, eventName: string): string {
  const renamed = RENAMES[service]?.[eventName];
  if (renamed) return renamed;
  return eventName.replace(VERSION_SUFFIX, '');
}

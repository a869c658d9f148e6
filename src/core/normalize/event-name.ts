/**
 * CloudTrail `eventName` is not always the IAM action. Lambda and CloudFront append API versions
 * (`CreateFunction20150331`, `UpdateFunctionCode20150331v2`, `UpdateDistribution2017_03_25`), and some
 * services log an operation under a name that needs another action to authorise it.
 */
const VERSION_SUFFIX = /(?:\d{8}|\d{4}_\d{2}_\d{2})(?:v\d+)?$/;

/**
 * eventName → IAM action name, per IAM service prefix, where they differ. Maps, not objects: both keys come
 * from untrusted records, and an eventName such as `constructor` must not find `Object.prototype`'s.
 */
const RENAMES: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map(
  Object.entries({
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
    },
    lambda: { Invoke: 'InvokeFunction', InvokeWithResponseStream: 'InvokeFunction' },
    kms: { ReEncrypt: 'ReEncryptFrom' },
    dynamodb: { BatchExecuteStatement: 'PartiQLSelect', ExecuteStatement: 'PartiQLSelect' },
  }).map(([service, names]) => [service, new Map(Object.entries(names))]),
);

/** The IAM action name (without prefix) an eventName most likely stands for, before catalog lookup. */
export function actionNameOf(service: string, eventName: string): string {
  const renamed = RENAMES.get(service)?.get(eventName);
  if (renamed) return renamed;
  return eventName.replace(VERSION_SUFFIX, '');
}

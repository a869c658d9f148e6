/**
 * `s3://bucket/prefix` locations. Apart from the S3 log source so that reading command lines does not load
 * the AWS SDK: a replay of local files never needs it.
 */
export interface S3Location {
  readonly bucket: string;
  /** Key prefix, possibly empty. */
  readonly prefix: string;
}

/** Parses `s3://bucket/prefix`; throws with the bad value otherwise. */
export function parseS3Uri(uri: string): S3Location {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  // Lenient on purpose: legacy buckets may hold capitals or underscores.
  if (!match || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(match[1])) {
    throw new Error(`not an S3 location: ${JSON.stringify(uri)} (expected s3://bucket/prefix)`);
  }
  return { bucket: match[1], prefix: match[2] };
}

import { asObject, asString, type JsonObject } from './json-shape';

/** Where the call happened, for building ARNs from the names in `requestParameters`. */
interface Place {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

type Extractor = (params: JsonObject, place: Place, out: string[]) => void;

function push(out: string[], value: string | undefined): void {
  if (value !== undefined && !out.includes(value)) out.push(value);
}

/** A name that may already be an ARN. */
function arnOr(value: unknown, build: (name: string) => string): string | undefined {
  const name = asString(value);
  if (name === undefined) return undefined;
  return name.startsWith('arn:') ? name : build(name);
}

const iamArn = (p: Place, kind: string, name: string): string =>
  `arn:${p.partition}:iam::${p.account}:${kind}/${name}`;
const regional = (p: Place, service: string, rest: string): string =>
  `arn:${p.partition}:${service}:${p.region}:${p.account}:${rest}`;

/** EC2 lists ids as `{ items: [{ instanceId }] }` sets. */
function ec2Ids(params: JsonObject, setName: string, idName: string): string[] {
  const set = asObject(params[setName]);
  const items = set && Array.isArray(set.items) ? set.items : [];
  const ids: string[] = [];
  for (const item of items) {
    const id = asString(asObject(item)?.[idName]);
    if (id) ids.push(id);
  }
  return ids;
}

const EXTRACTORS: Readonly<Record<string, Extractor>> = {
  s3(params, p, out) {
    const bucket = asString(params.bucketName);
    if (!bucket) return;
    push(out, `arn:${p.partition}:s3:::${bucket}`);
    const key = asString(params.key);
    if (key) push(out, `arn:${p.partition}:s3:::${bucket}/${key}`);
  },
  iam(params, p, out) {
    push(
      out,
      arnOr(params.roleName, (n) => iamArn(p, 'role', n)),
    );
    push(
      out,
      arnOr(params.userName, (n) => iamArn(p, 'user', n)),
    );
    push(
      out,
      arnOr(params.groupName, (n) => iamArn(p, 'group', n)),
    );
    push(out, asString(params.policyArn));
    push(
      out,
      arnOr(params.instanceProfileName, (n) => iamArn(p, 'instance-profile', n)),
    );
  },
  sts(params, _p, out) {
    push(out, asString(params.roleArn));
  },
  lambda(params, p, out) {
    push(
      out,
      arnOr(params.functionName, (n) => regional(p, 'lambda', `function:${n}`)),
    );
  },
  secretsmanager(params, p, out) {
    push(
      out,
      arnOr(params.secretId, (n) => regional(p, 'secretsmanager', `secret:${n}`)),
    );
    push(
      out,
      arnOr(params.name, (n) => regional(p, 'secretsmanager', `secret:${n}`)),
    );
  },
  ssm(params, p, out) {
    const param = (n: string): string => regional(p, 'ssm', `parameter/${n.replace(/^\//, '')}`);
    push(out, arnOr(params.name, param));
    if (Array.isArray(params.names)) for (const n of params.names) push(out, arnOr(n, param));
    push(out, arnOr(params.path, param));
    for (const id of Array.isArray(params.instanceIds) ? params.instanceIds : []) {
      push(
        out,
        arnOr(id, (n) => regional(p, 'ec2', `instance/${n}`)),
      );
    }
    push(
      out,
      arnOr(params.target, (n) => regional(p, 'ec2', `instance/${n}`)),
    );
  },
  logs(params, p, out) {
    push(
      out,
      arnOr(params.logGroupName, (n) => regional(p, 'logs', `log-group:${n}`)),
    );
  },
  codebuild(params, p, out) {
    push(
      out,
      arnOr(params.projectName, (n) => regional(p, 'codebuild', `project/${n}`)),
    );
    push(
      out,
      arnOr(params.name, (n) => regional(p, 'codebuild', `project/${n}`)),
    );
  },
  dynamodb(params, p, out) {
    push(
      out,
      arnOr(params.tableName, (n) => regional(p, 'dynamodb', `table/${n}`)),
    );
  },
  kms(params, p, out) {
    push(
      out,
      arnOr(params.keyId, (n) => regional(p, 'kms', n.startsWith('alias/') ? n : `key/${n}`)),
    );
  },
  cloudtrail(params, p, out) {
    push(
      out,
      arnOr(params.name, (n) => regional(p, 'cloudtrail', `trail/${n}`)),
    );
    push(
      out,
      arnOr(params.trailName, (n) => regional(p, 'cloudtrail', `trail/${n}`)),
    );
  },
  ec2(params, p, out) {
    for (const id of ec2Ids(params, 'instancesSet', 'instanceId'))
      push(out, regional(p, 'ec2', `instance/${id}`));
    push(
      out,
      arnOr(params.instanceId, (n) => regional(p, 'ec2', `instance/${n}`)),
    );
    push(
      out,
      arnOr(params.snapshotId, (n) => `arn:${p.partition}:ec2:${p.region}::snapshot/${n}`),
    );
    push(
      out,
      arnOr(params.imageId, (n) => `arn:${p.partition}:ec2:${p.region}::image/${n}`),
    );
    push(
      out,
      arnOr(params.groupId, (n) => regional(p, 'ec2', `security-group/${n}`)),
    );
    push(
      out,
      arnOr(params.volumeId, (n) => regional(p, 'ec2', `volume/${n}`)),
    );
  },
  rds(params, p, out) {
    push(
      out,
      arnOr(params.dBInstanceIdentifier, (n) => regional(p, 'rds', `db:${n}`)),
    );
    push(
      out,
      arnOr(params.dBSnapshotIdentifier, (n) => regional(p, 'rds', `snapshot:${n}`)),
    );
    push(
      out,
      arnOr(params.dBClusterIdentifier, (n) => regional(p, 'rds', `cluster:${n}`)),
    );
  },
  sns(params, _p, out) {
    push(out, asString(params.topicArn));
  },
  sqs(params, p, out) {
    const url = asString(params.queueUrl);
    if (url) push(out, regional(p, 'sqs', url.split('/').pop() ?? url));
  },
  events(params, p, out) {
    const bus = asString(params.eventBusName);
    const name = asString(params.name) ?? asString(params.rule);
    if (name)
      push(out, regional(p, 'events', bus && bus !== 'default' ? `rule/${bus}/${name}` : `rule/${name}`));
  },
};

/**
 * The ARNs a call touched: the record's own `resources` list, plus what its request parameters name. Best
 * effort by design: a baseline statement that restricts resources treats an empty list as "unverified".
 */
export function resourcesOf(
  record: JsonObject,
  service: string,
  params: JsonObject,
  region: string,
  account: string | undefined,
): string[] {
  const out: string[] = [];
  const listed = record.resources;
  if (Array.isArray(listed)) {
    for (const r of listed) push(out, asString(asObject(r)?.ARN) ?? asString(asObject(r)?.arn));
  }
  const extract = EXTRACTORS[service];
  if (extract) {
    const partition = region.startsWith('cn-')
      ? 'aws-cn'
      : region.startsWith('us-gov-')
        ? 'aws-us-gov'
        : 'aws';
    extract(params, { partition, region, account: account ?? '*' }, out);
  }
  return out;
}

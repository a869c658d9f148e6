import { asObject, asString, type JsonObject } from './json-shape';
import { partitionOf } from '../regions';

/** Where the call happened, for building ARNs from the names in `requestParameters`. */
interface Place {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

/** Builds the ARN a bare name stands for; a parameter that holds an ARN already is kept as it is. */
type ArnOf = (p: Place, name: string) => string;

function push(out: string[], value: string | undefined): void {
  if (value !== undefined && !out.includes(value)) out.push(value);
}

function pushArn(out: string[], value: unknown, p: Place, arnOf: ArnOf): void {
  const name = asString(value);
  if (name !== undefined) push(out, name.startsWith('arn:') ? name : arnOf(p, name));
}

const iamArn = (p: Place, kind: string, name: string): string =>
  `arn:${p.partition}:iam::${p.account}:${kind}/${name}`;
const regional = (p: Place, service: string, rest: string): string =>
  `arn:${p.partition}:${service}:${p.region}:${p.account}:${rest}`;

/** For parameters that only ever hold ARNs (`roleArn`, `topicArn`). */
const AS_IS: ArnOf = (_p, arn) => arn;
const INSTANCE: ArnOf = (p, id) => regional(p, 'ec2', `instance/${id}`);
const SECRET: ArnOf = (p, n) => regional(p, 'secretsmanager', `secret:${n}`);
const PROJECT: ArnOf = (p, n) => regional(p, 'codebuild', `project/${n}`);
const TRAIL: ArnOf = (p, n) => regional(p, 'cloudtrail', `trail/${n}`);
const SSM_PARAMETER: ArnOf = (p, n) => regional(p, 'ssm', `parameter/${n.replace(/^\//, '')}`);

type Extractor = (params: JsonObject, place: Place, out: string[]) => void;

/** Reads request parameters that name one resource each, in the order their ARNs are listed. */
function naming(parameters: readonly (readonly [param: string, arnOf: ArnOf])[]): Extractor {
  return (params, place, out) => {
    for (const [param, arnOf] of parameters) pushArn(out, params[param], place, arnOf);
  };
}

const EC2_NAMING = naming([
  ['instanceId', INSTANCE],
  ['snapshotId', (p, n) => `arn:${p.partition}:ec2:${p.region}::snapshot/${n}`],
  ['imageId', (p, n) => `arn:${p.partition}:ec2:${p.region}::image/${n}`],
  ['groupId', (p, n) => regional(p, 'ec2', `security-group/${n}`)],
  ['volumeId', (p, n) => regional(p, 'ec2', `volume/${n}`)],
]);

/**
 * What each service's request parameters name, one reader per service (one lookup per call). A Map
 * (service prefixes come from untrusted records) of functions built once, not closures made per record.
 */
const EXTRACTORS: ReadonlyMap<string, Extractor> = new Map(
  Object.entries({
    iam: naming([
      ['roleName', (p, n) => iamArn(p, 'role', n)],
      ['userName', (p, n) => iamArn(p, 'user', n)],
      ['groupName', (p, n) => iamArn(p, 'group', n)],
      ['policyArn', AS_IS],
      ['instanceProfileName', (p, n) => iamArn(p, 'instance-profile', n)],
    ]),
    sts: naming([['roleArn', AS_IS]]),
    lambda: naming([['functionName', (p, n) => regional(p, 'lambda', `function:${n}`)]]),
    secretsmanager: naming([
      ['secretId', SECRET],
      ['name', SECRET],
    ]),
    logs: naming([['logGroupName', (p, n) => regional(p, 'logs', `log-group:${n}`)]]),
    codebuild: naming([
      ['projectName', PROJECT],
      ['name', PROJECT],
    ]),
    dynamodb: naming([['tableName', (p, n) => regional(p, 'dynamodb', `table/${n}`)]]),
    kms: naming([['keyId', (p, n) => regional(p, 'kms', n.startsWith('alias/') ? n : `key/${n}`)]]),
    cloudtrail: naming([
      ['name', TRAIL],
      ['trailName', TRAIL],
    ]),
    rds: naming([
      ['dBInstanceIdentifier', (p, n) => regional(p, 'rds', `db:${n}`)],
      ['dBSnapshotIdentifier', (p, n) => regional(p, 'rds', `snapshot:${n}`)],
      ['dBClusterIdentifier', (p, n) => regional(p, 'rds', `cluster:${n}`)],
    ]),
    sns: naming([['topicArn', AS_IS]]),
    s3(params, p, out) {
      const bucket = asString(params.bucketName);
      if (!bucket) return;
      push(out, `arn:${p.partition}:s3:::${bucket}`);
      const key = asString(params.key);
      if (key) push(out, `arn:${p.partition}:s3:::${bucket}/${key}`);
    },
    ssm(params, p, out) {
      pushArn(out, params.name, p, SSM_PARAMETER);
      if (Array.isArray(params.names)) for (const n of params.names) pushArn(out, n, p, SSM_PARAMETER);
      pushArn(out, params.path, p, SSM_PARAMETER);
      if (Array.isArray(params.instanceIds))
        for (const id of params.instanceIds) pushArn(out, id, p, INSTANCE);
      pushArn(out, params.target, p, INSTANCE);
    },
    ec2(params, p, out) {
      // EC2 lists ids as `{ items: [{ instanceId }] }` sets, before the single-id parameters.
      const set = asObject(params.instancesSet);
      if (set && Array.isArray(set.items)) {
        for (const item of set.items) {
          const id = asString(asObject(item)?.instanceId);
          if (id) push(out, INSTANCE(p, id));
        }
      }
      EC2_NAMING(params, p, out);
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
  } satisfies Record<string, Extractor>),
);

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
    for (const r of listed) {
      const resource = asObject(r);
      push(out, asString(resource?.ARN) ?? asString(resource?.arn));
    }
  }
  const extract = EXTRACTORS.get(service);
  if (extract === undefined) return out;
  extract(params, placeOf(region, account ?? '*'), out);
  return out;
}

/**
 * The last place built, reused while calls come from the same region and account (the normaliser's
 * shared strings, compared by reference first): a log repeats a handful of them.
 */
let lastPlace: Place = { partition: 'aws', region: '', account: '' };

function placeOf(region: string, account: string): Place {
  const last = lastPlace;
  if (last.region === region && last.account === account) return last;
  lastPlace = { partition: partitionOf(region), region, account };
  return lastPlace;
}

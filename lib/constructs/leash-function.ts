import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { projectRoot } from '../project-root';

export interface LeashFunctionProps {
  /** Path of the handler's TypeScript source, relative to the repository root (e.g. `lambdas/evaluate/handler.ts`). */
  readonly entry: string;
  /** What the function is for, shown in the console. */
  readonly description: string;
  /**
   * @default Duration.seconds(30)
   */
  readonly timeout?: Duration;
  /**
   * Memory in MB; CPU scales with it.
   * @default 512
   */
  readonly memorySize?: number;
  /**
   * Environment variables. Keep them small (4 KB in total): large data goes in `bundledData`.
   * @default - only the Powertools and source-map settings
   */
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * JSON documents written next to the handler in the bundle, by file name, for data computed at synth.
   * @default - none
   */
  readonly bundledData?: Readonly<Record<string, unknown>>;
  /**
   * How long the function's logs are kept.
   * @default RetentionDays.ONE_YEAR - findings are security records
   */
  readonly logRetention?: RetentionDays;
}

const DATA_FILE_NAME = /^[A-Za-z0-9._-]+\.json$/;

/**
 * The one way Leash builds a Lambda function: Node.js 24 (the latest Lambda runtime) on arm64, X-Ray tracing, its own log group with
 * retention, source maps, a role with nothing but its own log group (callers grant the rest), and esbuild
 * bundling on the local machine — never Docker, which neither CI nor users' laptops are assumed to have.
 */
export class LeashFunction extends Construct {
  /** The function itself. */
  public readonly function: NodejsFunction;
  /** The function's execution role, to grant to. */
  public readonly role: Role;
  /** Where the function logs. */
  public readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: LeashFunctionProps) {
    super(scope, id);
    const root = projectRoot();
    const entry = join(root, props.entry);
    if (!existsSync(entry))
      throw new Error(`LeashFunction entry '${props.entry}' does not exist (looked at ${entry})`);
    const timeout = props.timeout ?? Duration.seconds(30);
    if (timeout.toSeconds() < 1 || timeout.toSeconds() > 900) {
      throw new Error(`LeashFunction timeout must be 1 s to 15 min, got ${timeout.toHumanString()}`);
    }
    const memorySize = props.memorySize ?? 512;
    if (!Number.isInteger(memorySize) || memorySize < 128 || memorySize > 10240) {
      throw new Error(
        `LeashFunction memorySize must be a whole number of MB from 128 to 10240, got ${memorySize}`,
      );
    }
    const data = writeBundledData(props.bundledData ?? {});

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // An own role instead of the AWS managed basic-execution policy: logs to this log group only.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: props.description,
    });
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );

    try {
      this.function = new NodejsFunction(this, 'Function', {
        entry,
        projectRoot: root,
        depsLockFilePath: join(root, 'package-lock.json'),
        description: props.description,
        runtime: Runtime.NODEJS_24_X,
        architecture: Architecture.ARM_64,
        tracing: Tracing.ACTIVE,
        timeout,
        memorySize,
        role: this.role,
        logGroup: this.logGroup,
        environment: {
          NODE_OPTIONS: '--enable-source-maps',
          POWERTOOLS_LOG_LEVEL: 'INFO',
          ...props.environment,
        },
        bundling: {
          forceDockerBundling: false,
          format: OutputFormat.CJS,
          target: 'node24',
          minify: true,
          sourceMap: true,
          sourcesContent: false,
          // Bundle the AWS SDK too: the function runs the exact client version the tests ran against.
          externalModules: [],
          ...(data.files.length > 0
            ? {
                commandHooks: {
                  beforeBundling: () => [],
                  beforeInstall: () => [],
                  afterBundling: (_inputDir: string, outputDir: string) =>
                    data.files.map(({ name, path }) => `cp "${path}" "${join(outputDir, name)}"`),
                },
              }
            : {}),
        },
      });
    } finally {
      // Bundling (and with it the copy) runs while the function is constructed, when its asset is staged:
      // the files are spent now, and left behind every synth would leave a copy of the catalog in $TMPDIR.
      if (data.dir !== undefined) rmSync(data.dir, { recursive: true, force: true });
    }

    // X-Ray has no resource-level permissions for segment upload.
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray PutTraceSegments/PutTelemetryRecords do not support resource-level permissions.',
    });
  }
}

interface BundledFile {
  readonly name: string;
  readonly path: string;
}

/**
 * Writes each document to a fresh temporary folder (`dir`, absent when there is nothing to write) for the
 * bundling hook to copy. The function's asset hash is computed from the bundle output, so a changed
 * document is a new deployment.
 */
function writeBundledData(documents: Readonly<Record<string, unknown>>): {
  dir?: string;
  files: BundledFile[];
} {
  const names = Object.keys(documents);
  if (names.length === 0) return { files: [] };
  for (const name of names) {
    if (!DATA_FILE_NAME.test(name)) {
      throw new Error(`LeashFunction bundledData names must be plain .json file names, got '${name}'`);
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'leash-bundle-data-'));
  const files = names.map((name) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(documents[name]));
    return { name, path };
  });
  return { dir, files };
}

import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  AssetManifestArtifact,
  CloudAssembly,
  type CloudFormationStackArtifact,
} from 'aws-cdk-lib/cx-api';
import { AssemblyError, UnsupportedFeatureError } from '../errors.js';
import { activityArn, DEFAULT_REGION, LOCAL_ACCOUNT_ID, stateMachineArn } from '../model/arns.js';
import type {
  AppModel,
  EventSourceMappingSpec,
  FunctionSpec,
  QueueSpec,
  StateMachineSpec,
  TopicSpec,
} from './app-model.js';
import { readAlarms } from './read-alarms.js';
import {
  type IntrinsicContext,
  type ResolvedResource,
  resolveIntrinsics,
} from './resolve-intrinsics.js';

/** Options of {@link readAppModel}. */
export interface ReadAppModelOptions {
  /**
   * Stack to run, by name, display name or artifact id.
   * @default the only stack that holds a state machine
   */
  readonly stack?: string;
  /** Base URL of the local endpoint; queue URLs are built on it. */
  readonly endpointUrl: string;
}

interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}

type Template = {
  Resources?: Record<string, TemplateResource>;
  Parameters?: Record<string, { Default?: unknown }>;
};

/** Opens a cloud assembly directory with aws-cdk-lib's cloud-assembly API. */
export function openCloudAssembly(directory: string): CloudAssembly {
  if (!existsSync(join(directory, 'manifest.json'))) {
    throw new AssemblyError(
      `${directory} is not a cloud assembly (no manifest.json): run \`cdk synth\` first, or pass its output directory`,
    );
  }
  return new CloudAssembly(directory);
}

function selectStack(
  assembly: CloudAssembly,
  wanted: string | undefined,
): CloudFormationStackArtifact {
  const stacks = assembly.stacksRecursively;
  if (wanted !== undefined) {
    const found = stacks.find(
      (s) => s.stackName === wanted || s.displayName === wanted || s.id === wanted,
    );
    if (!found) {
      throw new AssemblyError(
        `no stack "${wanted}" in the assembly; stacks: ${stacks.map((s) => s.displayName).join(', ')}`,
      );
    }
    return found;
  }
  const withStateMachine = stacks.filter((s) =>
    Object.values((s.template as Template).Resources ?? {}).some(
      (r) => r.Type === 'AWS::StepFunctions::StateMachine',
    ),
  );
  if (withStateMachine.length === 1) return withStateMachine[0] as CloudFormationStackArtifact;
  if (withStateMachine.length === 0)
    throw new AssemblyError('no stack of the assembly holds a state machine');
  throw new AssemblyError(
    `several stacks hold a state machine (${withStateMachine.map((s) => s.displayName).join(', ')}): choose one`,
  );
}

/** Maps each file asset's S3 object key to its source path in the assembly. */
function assetPaths(
  stack: CloudFormationStackArtifact,
): Map<string, { path: string; packaging: string }> {
  const paths = new Map<string, { path: string; packaging: string }>();
  for (const dependency of stack.dependencies) {
    if (!AssetManifestArtifact.isAssetManifestArtifact(dependency)) continue;
    for (const file of Object.values(dependency.contents.files ?? {})) {
      if (!file.source.path) continue;
      const path = join(stack.assembly.directory, file.source.path);
      for (const destination of Object.values(file.destinations)) {
        paths.set(destination.objectKey, { path, packaging: file.source.packaging ?? 'file' });
      }
    }
  }
  return paths;
}

function physicalName(
  stackName: string,
  logicalId: string,
  maxLength: number,
  suffix = '',
): string {
  return `${stackName}-${logicalId}`.slice(0, maxLength - suffix.length) + suffix;
}

function numberOr(value: unknown, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : fallback;
}

/**
 * Reads one stack of a synthesized CDK app (through aws-cdk-lib's cloud-assembly API) into
 * the runner's {@link AppModel}: queues, topics, functions and their code assets, SQS event
 * source mappings and state machines, with intrinsics resolved to local ARNs and URLs.
 *
 * @param assembly - a cloud assembly, or its directory (`cdk.out`).
 * @throws AssemblyError when the stack cannot be chosen or an asset is missing.
 * @throws UnsupportedFeatureError for what has no local meaning (see the README's limits).
 */
export function readAppModel(
  assembly: CloudAssembly | string,
  options: ReadAppModelOptions,
): AppModel {
  const cloudAssembly = typeof assembly === 'string' ? openCloudAssembly(assembly) : assembly;
  const stack = selectStack(cloudAssembly, options.stack);
  const template = stack.template as Template;
  const resources = template.Resources ?? {};
  const region =
    stack.environment.region && !stack.environment.region.startsWith('unknown-')
      ? stack.environment.region
      : DEFAULT_REGION;
  const account = LOCAL_ACCOUNT_ID;
  const stackName = stack.stackName;
  const endpoint = options.endpointUrl.replace(/\/$/, '');

  const parameters: Record<string, unknown> = {};
  for (const [name, parameter] of Object.entries(template.Parameters ?? {})) {
    parameters[name] = parameter.Default;
  }

  // Physical names first: everything else refers to them.
  const resolved = new Map<string, ResolvedResource>();
  const literal = (value: unknown): string | undefined =>
    typeof value === 'string' ? value : undefined;
  for (const [logicalId, resource] of Object.entries(resources)) {
    const props = resource.Properties ?? {};
    switch (resource.Type) {
      case 'AWS::SQS::Queue': {
        const fifo = props.FifoQueue === true || props.FifoQueue === 'true';
        const name =
          literal(props.QueueName) ?? physicalName(stackName, logicalId, 80, fifo ? '.fifo' : '');
        const arn = `arn:aws:sqs:${region}:${account}:${name}`;
        const url = `${endpoint}/${account}/${name}`;
        resolved.set(logicalId, {
          ref: url,
          attributes: { Arn: arn, QueueUrl: url, QueueName: name },
        });
        break;
      }
      case 'AWS::SNS::Topic': {
        const fifo = props.FifoTopic === true || props.FifoTopic === 'true';
        const name =
          literal(props.TopicName) ?? physicalName(stackName, logicalId, 256, fifo ? '.fifo' : '');
        const arn = `arn:aws:sns:${region}:${account}:${name}`;
        resolved.set(logicalId, { ref: arn, attributes: { TopicArn: arn, TopicName: name } });
        break;
      }
      case 'AWS::Lambda::Function': {
        const name = literal(props.FunctionName) ?? physicalName(stackName, logicalId, 64);
        const arn = `arn:aws:lambda:${region}:${account}:function:${name}`;
        resolved.set(logicalId, { ref: name, attributes: { Arn: arn } });
        break;
      }
      case 'AWS::StepFunctions::StateMachine': {
        const name = literal(props.StateMachineName) ?? physicalName(stackName, logicalId, 80);
        const arn = stateMachineArn(region, account, name);
        resolved.set(logicalId, { ref: arn, attributes: { Arn: arn, Name: name } });
        break;
      }
      case 'AWS::IAM::Role': {
        const name = literal(props.RoleName) ?? physicalName(stackName, logicalId, 64);
        const arn = `arn:aws:iam::${account}:role/${name}`;
        resolved.set(logicalId, {
          ref: name,
          attributes: { Arn: arn, RoleId: `AROA${logicalId}` },
        });
        break;
      }
      case 'AWS::S3::Bucket': {
        // S3 names are lowercase; locally each bucket is a folder of `--buckets`.
        const name =
          literal(props.BucketName) ?? physicalName(stackName, logicalId, 63).toLowerCase();
        resolved.set(logicalId, {
          ref: name,
          attributes: {
            Arn: `arn:aws:s3:::${name}`,
            DomainName: `${name}.s3.amazonaws.com`,
            RegionalDomainName: `${name}.s3.${region}.amazonaws.com`,
          },
        });
        break;
      }
      case 'AWS::StepFunctions::Activity': {
        // `Name` is required (the CDK generates one); Ref gives the ARN.
        const name = literal(props.Name) ?? physicalName(stackName, logicalId, 80);
        const arn = activityArn(region, account, name);
        resolved.set(logicalId, { ref: arn, attributes: { Name: name } });
        break;
      }
      case 'AWS::KMS::Key': {
        const arn = `arn:aws:kms:${region}:${account}:key/${logicalId}`;
        resolved.set(logicalId, { ref: logicalId, attributes: { Arn: arn, KeyId: logicalId } });
        break;
      }
      default:
        resolved.set(logicalId, { ref: physicalName(stackName, logicalId, 128), attributes: {} });
    }
  }

  const context: IntrinsicContext = {
    region,
    account,
    stackName,
    parameters,
    resource: (logicalId) => resolved.get(logicalId),
  };
  const resolve = (value: unknown): unknown => resolveIntrinsics(value, context);
  const assets = assetPaths(stack);
  const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
  const get = (logicalId: string) => resolved.get(logicalId) as ResolvedResource;

  const queues: QueueSpec[] = ofType('AWS::SQS::Queue').map(([logicalId, resource]) => {
    const props = resolve(resource.Properties ?? {}) as Record<string, unknown>;
    const redrive = props.RedrivePolicy as
      | { deadLetterTargetArn?: string; maxReceiveCount?: unknown }
      | undefined;
    const parsedRedrive = typeof redrive === 'string' ? JSON.parse(redrive) : redrive;
    const attributes = get(logicalId).attributes;
    return {
      logicalId,
      name: attributes.QueueName as string,
      arn: attributes.Arn as string,
      url: attributes.QueueUrl as string,
      fifo: props.FifoQueue === true || props.FifoQueue === 'true',
      contentBasedDeduplication:
        props.ContentBasedDeduplication === true || props.ContentBasedDeduplication === 'true',
      visibilityTimeoutSeconds: numberOr(props.VisibilityTimeout, 30),
      delaySeconds: numberOr(props.DelaySeconds, 0),
      ...(parsedRedrive?.deadLetterTargetArn
        ? {
            redrivePolicy: {
              deadLetterTargetArn: String(parsedRedrive.deadLetterTargetArn),
              maxReceiveCount: numberOr(parsedRedrive.maxReceiveCount, 10),
            },
          }
        : {}),
    };
  });

  const topics: TopicSpec[] = ofType('AWS::SNS::Topic').map(([logicalId, resource]) => {
    const props = resource.Properties ?? {};
    const attributes = get(logicalId).attributes;
    return {
      logicalId,
      name: attributes.TopicName as string,
      arn: attributes.TopicArn as string,
      fifo: props.FifoTopic === true || props.FifoTopic === 'true',
    };
  });

  const functions: FunctionSpec[] = ofType('AWS::Lambda::Function').map(([logicalId, resource]) => {
    const props = resolve(resource.Properties ?? {}) as Record<string, unknown>;
    const runtime = String(props.Runtime ?? '');
    const code = (props.Code ?? {}) as { S3Key?: string; ZipFile?: string; ImageUri?: string };
    const name = get(logicalId).ref;
    let codeDirectory = '';
    if (runtime.startsWith('nodejs') && code.S3Key) {
      // Only a directory asset can be loaded; anything else stays unloaded, which is an
      // error only when a queue triggers the function (checked below).
      const asset = assets.get(code.S3Key);
      if (asset?.packaging === 'zip' && statSync(asset.path).isDirectory())
        codeDirectory = asset.path;
    }
    const variables = ((props.Environment as { Variables?: Record<string, unknown> } | undefined)
      ?.Variables ?? {}) as Record<string, unknown>;
    const environment: Record<string, string> = {};
    for (const [key, value] of Object.entries(variables)) environment[key] = String(value);
    return {
      logicalId,
      name,
      arn: get(logicalId).attributes.Arn as string,
      handler: String(props.Handler ?? 'index.handler'),
      runtime,
      codeDirectory,
      environment,
      timeoutSeconds: numberOr(props.Timeout, 3),
      memorySize: numberOr(props.MemorySize, 128),
    };
  });

  const queueArns = new Set(queues.map((q) => q.arn));
  const eventSourceMappings: EventSourceMappingSpec[] = ofType('AWS::Lambda::EventSourceMapping')
    .map(([logicalId, resource]) => {
      const props = resolve(resource.Properties ?? {}) as Record<string, unknown>;
      const scaling = props.ScalingConfig as { MaximumConcurrency?: unknown } | undefined;
      return {
        logicalId,
        queueArn: String(props.EventSourceArn ?? ''),
        functionName: String(props.FunctionName ?? '').replace(
          /^arn:aws:lambda:[^:]*:[^:]*:function:/,
          '',
        ),
        batchSize: numberOr(props.BatchSize, 10),
        maximumBatchingWindowSeconds: numberOr(props.MaximumBatchingWindowInSeconds, 0),
        reportBatchItemFailures: (
          (props.FunctionResponseTypes as string[] | undefined) ?? []
        ).includes('ReportBatchItemFailures'),
        enabled: props.Enabled !== false && props.Enabled !== 'false',
        ...(scaling?.MaximumConcurrency !== undefined
          ? { maximumConcurrency: numberOr(scaling.MaximumConcurrency, 2) }
          : {}),
      };
    })
    .filter((mapping) => queueArns.has(mapping.queueArn));

  // Functions run only when something can invoke them: check those have code we can load.
  const invoked = new Set(eventSourceMappings.map((m) => m.functionName));
  for (const fn of functions) {
    if (invoked.has(fn.name) && !fn.codeDirectory) {
      throw new UnsupportedFeatureError(
        `function ${fn.logicalId} (${fn.name}) is triggered by a queue but its code cannot run locally: ` +
          `runtime ${fn.runtime || 'none'}; only Node.js functions whose code is a directory asset ` +
          '(lambda.Code.fromAsset(dir), NodejsFunction) are supported, not inline code, images or prebuilt zips',
      );
    }
  }

  const stateMachines: StateMachineSpec[] = ofType('AWS::StepFunctions::StateMachine').map(
    ([logicalId, resource]) => {
      const props = resource.Properties ?? {};
      if (props.DefinitionS3Location !== undefined) {
        throw new UnsupportedFeatureError(
          `state machine ${logicalId}: DefinitionS3Location is not supported locally`,
        );
      }
      let definition: Record<string, unknown>;
      if (props.Definition !== undefined) {
        definition = resolve(props.Definition) as Record<string, unknown>;
      } else {
        const text = resolve(props.DefinitionString);
        if (typeof text !== 'string')
          throw new AssemblyError(`state machine ${logicalId} has no definition`);
        const substitutions = resolve(props.DefinitionSubstitutions ?? {}) as Record<
          string,
          unknown
        >;
        const substituted = text.replace(/\$\{([^}]+)\}/g, (whole, key: string) =>
          key in substitutions ? String(substitutions[key]) : whole,
        );
        definition = JSON.parse(substituted) as Record<string, unknown>;
      }
      const roleArn = props.RoleArn === undefined ? undefined : String(resolve(props.RoleArn));
      return {
        logicalId,
        name: get(logicalId).attributes.Name as string,
        arn: get(logicalId).ref,
        type: props.StateMachineType === 'EXPRESS' ? 'EXPRESS' : 'STANDARD',
        definition,
        ...(roleArn ? { roleArn } : {}),
      };
    },
  );

  return {
    stackName,
    region,
    account,
    queues,
    topics,
    functions,
    eventSourceMappings,
    stateMachines,
    alarms: readAlarms(resources, resolve, (id) => physicalName(stackName, id, 255)),
    buckets: ofType('AWS::S3::Bucket').map(([id]) => resolved.get(id)?.ref as string),
    activities: ofType('AWS::StepFunctions::Activity').map(([logicalId]) => ({
      logicalId,
      name: get(logicalId).attributes.Name as string,
      arn: get(logicalId).ref,
    })),
  };
}

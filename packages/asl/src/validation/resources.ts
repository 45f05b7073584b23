import { schemaError, type ValidationContext } from './context.js';

/**
 * The optimized integrations (`arn:aws:states:::<service>:<action><suffix>`) and the
 * integration patterns each supports: '' request-response, '.sync', '.sync:2',
 * '.waitForTaskToken'. From AWS's "Integrating optimized services" pages; an action not
 * listed here is rejected as AWS rejects `dynamodb:query` (services/test_invalid_integration).
 */
const R = [''];
const RT = ['', '.waitForTaskToken'];
const RS = ['', '.sync'];
const RST = ['', '.sync', '.waitForTaskToken'];
const OPTIMIZED: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  lambda: { invoke: RT },
  sqs: { sendMessage: RT },
  sns: { publish: RT },
  dynamodb: { getItem: R, putItem: R, updateItem: R, deleteItem: R },
  states: { startExecution: ['', '.sync', '.sync:2', '.waitForTaskToken'] },
  events: { putEvents: RT },
  apigateway: { invoke: RT },
  http: { invoke: R },
  batch: { submitJob: RS },
  ecs: { runTask: RST },
  glue: { startJobRun: RS },
  databrew: { startJobRun: RS },
  athena: {
    startQueryExecution: RS,
    stopQueryExecution: R,
    getQueryExecution: R,
    getQueryResults: R,
  },
  codebuild: {
    startBuild: RS,
    stopBuild: R,
    batchDeleteBuilds: R,
    batchGetReports: R,
    startBuildBatch: RS,
    stopBuildBatch: R,
    retryBuild: RS,
    retryBuildBatch: RS,
    deleteBuildBatch: R,
  },
  sagemaker: {
    createEndpoint: R,
    createEndpointConfig: R,
    createHyperParameterTuningJob: RS,
    createLabelingJob: RS,
    createModel: R,
    createProcessingJob: RS,
    createTrainingJob: RS,
    createTransformJob: RS,
    updateEndpoint: R,
  },
  elasticmapreduce: {
    addStep: RS,
    cancelStep: R,
    createCluster: RS,
    modifyInstanceFleetByName: R,
    modifyInstanceGroupByName: R,
    setClusterTerminationProtection: R,
    terminateCluster: RS,
  },
  'emr-containers': { createVirtualCluster: R, deleteVirtualCluster: RS, startJobRun: RS },
  'emr-serverless': {
    createApplication: RS,
    startApplication: RS,
    stopApplication: RS,
    deleteApplication: RS,
    startJobRun: RS,
    cancelJobRun: RS,
  },
  eks: {
    createCluster: RS,
    deleteCluster: RS,
    createFargateProfile: RS,
    deleteFargateProfile: RS,
    createNodegroup: RS,
    deleteNodegroup: RS,
    runJob: RS,
    call: R,
  },
  bedrock: { invokeModel: R, createModelCustomizationJob: ['', '.sync'] },
  mediaconvert: { createJob: RS },
};

const PARTITION = '(?:aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b)';
// Loose on region and account, which may also be empty: TestState recordings use
// placeholders there, and state machines deployed on AWS (its public samples) name
// `arn:aws:lambda:::function:name` and `arn:aws:states:us-east-1:123456789012:aws-sdk:s3:getObject`.
const LAMBDA_ARN = new RegExp(`^arn:${PARTITION}:lambda:[^:]*:[^:]*:function:[^:]+(?::[^:]+)?$`);
const ACTIVITY_ARN = new RegExp(`^arn:${PARTITION}:states:[^:]*:[^:]*:activity:.+$`);
const STATES_ARN = new RegExp(`^arn:${PARTITION}:states:[^:]*:[^:]*:(.+)$`);
const SUFFIX = /(\.sync:2|\.sync|\.waitForTaskToken)$/;

/** The integration pattern a Task resource uses ('' when request-response). */
export function integrationPattern(resource: string): string {
  return SUFFIX.exec(resource)?.[1] ?? '';
}

function isKnownResource(resource: string): boolean {
  if (LAMBDA_ARN.test(resource) || ACTIVITY_ARN.test(resource)) return true;
  const integration = STATES_ARN.exec(resource)?.[1];
  if (integration === undefined) return false;
  const pattern = integrationPattern(integration);
  const [service, ...rest] = integration.slice(0, integration.length - pattern.length).split(':');
  if (service === 'aws-sdk') {
    // Any SDK service and action; SDK integrations cannot be `.sync`.
    return (
      rest.length === 2 &&
      rest.every((p) => /^[A-Za-z0-9-]+$/.test(p)) &&
      !pattern.startsWith('.sync')
    );
  }
  if (rest.length !== 1 || service === undefined) return false;
  const actions = Object.hasOwn(OPTIMIZED, service) ? OPTIMIZED[service] : undefined;
  const action = rest[0] ?? '';
  const patterns = actions && Object.hasOwn(actions, action) ? actions[action] : undefined;
  return patterns?.includes(pattern) ?? false;
}

/**
 * Checks a Task's Resource: a constant string naming a Lambda function, an activity, an
 * optimized integration with a pattern it supports or an SDK integration; and, for an
 * EXPRESS machine, not a `.sync` or `.waitForTaskToken` pattern, which Express lacks.
 */
export function checkResource(
  ctx: ValidationContext,
  state: Record<string, unknown>,
  location: string,
): void {
  const at = `${location}/Resource`;
  if (!('Resource' in state)) {
    schemaError(ctx, 'These fields are required: [Resource]', location);
    return;
  }
  const resource = state.Resource;
  if (typeof resource !== 'string' || resource.includes('{%')) {
    schemaError(ctx, "The value of 'Resource' must be a constant ARN string", at);
    return;
  }
  if (!isKnownResource(resource)) {
    // Recorded wording (services/test_invalid_integration).
    schemaError(
      ctx,
      `The resource provided ${resource} is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.`,
      at,
    );
    return;
  }
  const pattern = integrationPattern(resource);
  if (ctx.type === 'EXPRESS' && pattern !== '') {
    schemaError(
      ctx,
      `Express state machines do not support the '${pattern}' integration pattern: use a STANDARD state machine or a request-response integration`,
      at,
    );
  }
}

import { StateMachineTestError } from '../errors.js';

/** Which state machine of a synthesized CDK app to test. */
export interface CdkAppSelector {
  /**
   * The state machine: its construct path (`OrdersStack/Orders`, with or without the
   * trailing `/Resource`), its logical id in the template, or its name.
   */
  readonly stateMachine: string;
  /** The stack, by name, display name or artifact id. @default the stack that holds the state machine */
  readonly stack?: string;
}

/** A state machine read from a cloud assembly, as `@sfn-callback/local` resolves it. */
export interface CdkStateMachine {
  readonly name: string;
  readonly definition: Record<string, unknown>;
}

interface Resource {
  readonly Type?: string;
  readonly Metadata?: Record<string, unknown>;
}

async function importOptional<T>(name: string, purpose: string): Promise<T> {
  try {
    return (await import(name)) as T;
  } catch (error) {
    throw new StateMachineTestError(
      'LOAD',
      `${purpose} needs ${name}: add it to the project's devDependencies (${(error as Error).message})`,
    );
  }
}

/**
 * Reads one state machine of a synthesized CDK app (the `cdk.out` directory) with
 * `@sfn-callback/local`'s reader: intrinsics resolved to local ARNs and URLs,
 * `DefinitionSubstitutions` applied.
 *
 * @throws StateMachineTestError `LOAD` naming the state machines there are.
 */
export async function readCdkStateMachine(
  assemblyDir: string,
  selector: CdkAppSelector,
): Promise<CdkStateMachine> {
  const local = await importOptional<typeof import('@sfn-callback/local')>(
    '@sfn-callback/local',
    'Loading a state machine from a CDK app',
  );
  const cxApi = await importOptional<typeof import('aws-cdk-lib/cx-api')>(
    'aws-cdk-lib/cx-api',
    'Loading a state machine from a CDK app',
  );
  let assembly: InstanceType<typeof cxApi.CloudAssembly>;
  try {
    assembly = new cxApi.CloudAssembly(assemblyDir);
  } catch (error) {
    throw new StateMachineTestError(
      'LOAD',
      `${assemblyDir} is not a cloud assembly: run \`cdk synth\` first (${(error as Error).message})`,
    );
  }
  const wanted = selector.stateMachine.replace(/\/Resource$/, '');
  const known: string[] = [];
  for (const stack of assembly.stacksRecursively) {
    if (
      selector.stack !== undefined &&
      ![stack.stackName, stack.displayName, stack.id].includes(selector.stack)
    ) {
      continue;
    }
    const resources = ((stack.template as { Resources?: Record<string, Resource> }).Resources ??
      {}) as Record<string, Resource>;
    // Construct paths: the assembly's logical id metadata (the template's `aws:cdk:path`
    // is there only when the CLI asks for it).
    const paths = new Map<string, string>();
    for (const entry of stack.findMetadataByType('aws:cdk:logicalId')) {
      paths.set(String(entry.data), entry.path.replace(/^\//, ''));
    }
    for (const [logicalId, resource] of Object.entries(resources)) {
      if (resource.Type !== 'AWS::StepFunctions::StateMachine') continue;
      const path = String(
        paths.get(logicalId) ?? resource.Metadata?.['aws:cdk:path'] ?? '',
      ).replace(/\/Resource$/, '');
      known.push(path || `${stack.displayName}/${logicalId}`);
      const byId = logicalId === wanted;
      if (path !== wanted && !byId) continue;
      const model = local.readAppModel(assembly, {
        stack: stack.id,
        endpointUrl: 'http://127.0.0.1:8083',
      });
      const spec = model.stateMachines.find((machine) => machine.logicalId === logicalId);
      if (!spec) break;
      return { name: spec.name, definition: spec.definition };
    }
  }
  // Names are resolved only once the stack is read: try them last.
  for (const stack of assembly.stacksRecursively) {
    if (
      selector.stack !== undefined &&
      ![stack.stackName, stack.displayName, stack.id].includes(selector.stack)
    )
      continue;
    const hasMachine = Object.values(
      (stack.template as { Resources?: Record<string, Resource> }).Resources ?? {},
    ).some((r) => r.Type === 'AWS::StepFunctions::StateMachine');
    if (!hasMachine) continue;
    const model = local.readAppModel(assembly, {
      stack: stack.id,
      endpointUrl: 'http://127.0.0.1:8083',
    });
    const spec = model.stateMachines.find((machine) => machine.name === wanted);
    if (spec) return { name: spec.name, definition: spec.definition };
  }
  throw new StateMachineTestError(
    'LOAD',
    `no state machine "${selector.stateMachine}" in ${assemblyDir}${selector.stack !== undefined ? ` (stack ${selector.stack})` : ''}; its state machines: ${known.join(', ') || '(none)'} (a construct path, a logical id or a name)`,
  );
}

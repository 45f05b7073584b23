import { InvalidDefinitionError, validateDefinition } from '@sfn-callback/asl';
import { unrunnableTask } from '../engine/local-state-machine.js';
import { childStateMachine } from '../model/arns.js';
import { SfnApiError, validationError } from './api-error.js';
import {
  EXECUTION_ARN,
  epochSeconds,
  pageOf,
  requireArn,
  STATE_MACHINE_ARN,
} from './execution-operations.js';
import { checkInputShape, type InputShape } from './input-shape.js';
import { tooDeepDefinition } from './json-depth.js';
import type { SfnOperation, SfnOperations } from './operation.js';
import { checkResourceName } from './resource-name.js';
import type { StateMachineHost } from './state-machine-host.js';
import { checkTagCount, readTags } from './tag-operations.js';
import { checkDescription, publishVersion, VERSION_ARN } from './version-operations.js';

/** The service's limit on a definition, in characters. */
const MAX_DEFINITION_LENGTH = 1_048_576;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/;
const TYPES = ['STANDARD', 'EXPRESS'];
const SEVERITIES = ['ERROR', 'WARNING'];

const STRING = { type: 'string' } as const;
const REQUIRED = { type: 'string', required: true } as const;

/** The input members of the state machine operations (Step Functions API reference). */
/**
 * `publish` and `versionDescription` of CreateStateMachine and UpdateStateMachine: a
 * description without `publish: true` is refused, as AWS refuses it.
 */
function readPublish(input: Record<string, unknown>): { publish: boolean; description?: string } {
  const description = checkDescription(input.versionDescription, 'versionDescription');
  const publish = input.publish === true;
  if (description !== undefined && !publish) {
    throw new SfnApiError(
      'ValidationException',
      'Version description can only be set when publish is true',
    );
  }
  return { publish, ...(description !== undefined ? { description } : {}) };
}

export const STATE_MACHINE_INPUT_SHAPES: Readonly<Record<string, InputShape>> = {
  CreateStateMachine: {
    name: REQUIRED,
    definition: REQUIRED,
    roleArn: REQUIRED,
    type: STRING,
    versionDescription: STRING,
    publish: { type: 'boolean' },
  },
  UpdateStateMachine: {
    stateMachineArn: REQUIRED,
    definition: STRING,
    roleArn: STRING,
    versionDescription: STRING,
    publish: { type: 'boolean' },
  },
  DeleteStateMachine: { stateMachineArn: REQUIRED },
  DescribeStateMachine: { stateMachineArn: REQUIRED, includedData: STRING },
  DescribeStateMachineForExecution: { executionArn: REQUIRED, includedData: STRING },
  ListStateMachines: { maxResults: { type: 'integer' }, nextToken: STRING },
  ValidateStateMachineDefinition: {
    definition: REQUIRED,
    type: STRING,
    severity: STRING,
    maxResults: { type: 'integer' },
  },
};

function oneOf(input: Record<string, unknown>, member: string, values: string[]): void {
  const value = input[member];
  if (value !== undefined && value !== null && !values.includes(value as string)) {
    throw validationError(
      member,
      `Member must satisfy enum value set: [${values.join(', ')}]`,
      value,
    );
  }
}

function checkDefinitionLength(definition: string): void {
  if (definition.length < 1 || definition.length > MAX_DEFINITION_LENGTH) {
    throw validationError(
      'definition',
      `Member must have length ${definition.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_DEFINITION_LENGTH}`}`,
    );
  }
}

function checkRoleArn(roleArn: string): void {
  if (roleArn.length < 1 || roleArn.length > 256) {
    throw validationError(
      'roleArn',
      `Member must have length ${roleArn.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 256'}`,
      roleArn,
    );
  }
  if (!ROLE_ARN.test(roleArn)) throw new SfnApiError('InvalidArn', `Invalid Arn: '${roleArn}'`);
}

/** CreateStateMachine's and UpdateStateMachine's refusal of a definition AWS refuses. */
function checkDefinition(definition: string, type: 'STANDARD' | 'EXPRESS'): void {
  const errors = tooDeepDefinition(definition) ?? validateDefinition(definition, { type });
  if (errors.length > 0) {
    throw new SfnApiError('InvalidDefinition', new InvalidDefinitionError(errors).message);
  }
}

/** A definition AWS accepts whose Tasks local can run neither emulated nor mocked. */
function checkRunnable(host: StateMachineHost, name: string, definition: string): void {
  const refusal = unrunnableTask(
    { name, definition: JSON.parse(definition) as Record<string, unknown> },
    { isMocked: (state) => host.isMocked(name, state) },
  );
  if (refusal) throw new SfnApiError('InvalidDefinition', refusal);
}

/**
 * State machines without a CDK app, over a {@link StateMachineHost}: CreateStateMachine,
 * UpdateStateMachine, DeleteStateMachine, DescribeStateMachine,
 * DescribeStateMachineForExecution and ListStateMachines (the app's state machines and
 * the created ones together), and ValidateStateMachineDefinition, with AWS's request
 * checks and errors (`InvalidDefinition` worded as AWS words it, `InvalidName`,
 * `InvalidArn`, `StateMachineAlreadyExists`, `StateMachineDoesNotExist`,
 * `MissingRequiredParameter`, `ValidationException`). The app's state machines come from
 * the assembly: they cannot be updated nor deleted here.
 */
export function stateMachineOperations(
  host: StateMachineHost,
  startedAt = new Date(),
): SfnOperations {
  const describe = (arn: string) => {
    const version = VERSION_ARN.test(arn) ? host.versions.version(arn) : undefined;
    if (version) {
      const machine = host.created.get(version.stateMachineArn);
      const revision = host.versions.revision(version.revisionId);
      if (machine && revision) {
        return {
          stateMachineArn: version.arn,
          name: machine.stored.name,
          status: 'ACTIVE',
          definition: revision.definition,
          roleArn: revision.roleArn,
          type: machine.stored.type,
          creationDate: epochSeconds(version.creationDate),
          revisionId: version.revisionId,
          ...(version.description !== undefined ? { description: version.description } : {}),
          loggingConfiguration: { level: 'OFF', includeExecutionData: false },
          tracingConfiguration: { enabled: false },
        };
      }
    }
    const created = host.created.get(arn);
    if (created) {
      const { stored } = created;
      return {
        stateMachineArn: stored.arn,
        name: stored.name,
        status: 'ACTIVE',
        definition: stored.definition,
        roleArn: stored.roleArn,
        type: stored.type,
        creationDate: epochSeconds(stored.creationDate),
        // AWS shows a revisionId once the state machine was updated.
        ...(stored.revisionId && stored.updateDate !== undefined
          ? { revisionId: stored.revisionId }
          : {}),
        ...(stored.description !== undefined ? { description: stored.description } : {}),
        loggingConfiguration: { level: 'OFF', includeExecutionData: false },
        tracingConfiguration: { enabled: false },
      };
    }
    const m = host.model.stateMachines.find((spec) => spec.arn === arn);
    if (!m)
      throw new SfnApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return {
      stateMachineArn: m.arn,
      name: m.name,
      status: 'ACTIVE',
      definition: JSON.stringify(m.definition),
      roleArn: m.roleArn ?? '',
      type: m.type,
      creationDate: epochSeconds(startedAt),
    };
  };
  const created = (arn: string, operation: string) => {
    const found = host.created.get(arn);
    if (found) return found;
    if (host.model.stateMachines.some((m) => m.arn === arn)) {
      throw new SfnApiError(
        'ValidationException',
        `${operation}: '${arn}' is a state machine of the cloud assembly; change the app and synthesize it again`,
      );
    }
    throw new SfnApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
  };

  const operations: Record<string, SfnOperation> = {
    CreateStateMachine: (input) => {
      const name = input.name as string;
      checkResourceName(name);
      const definition = input.definition as string;
      checkDefinitionLength(definition);
      const roleArn = input.roleArn as string;
      checkRoleArn(roleArn);
      oneOf(input, 'type', TYPES);
      const type = (input.type as 'STANDARD' | 'EXPRESS' | undefined) ?? 'STANDARD';
      checkDefinition(definition, type);
      const publish = readPublish(input);
      const tags = readTags(input.tags);
      const arn = host.created.arnOf(name);
      checkTagCount(arn, [], tags);
      const existing = host.created.get(arn);
      if (existing) {
        // Idempotent for the same request; a different one with that name is refused.
        const same =
          existing.stored.definition === definition &&
          existing.stored.roleArn === roleArn &&
          existing.stored.type === type;
        if (same) {
          const version = publish.publish
            ? publishVersion(host.versions, arn, { ...publish }, new Date())
            : undefined;
          return {
            stateMachineArn: arn,
            creationDate: epochSeconds(existing.stored.creationDate),
            ...(version ? { stateMachineVersionArn: version.arn } : {}),
          };
        }
        throw new SfnApiError(
          'StateMachineAlreadyExists',
          `State Machine Already Exists: '${arn}'`,
        );
      }
      if (host.model.stateMachines.some((m) => m.arn === arn)) {
        throw new SfnApiError(
          'StateMachineAlreadyExists',
          `State Machine Already Exists: '${arn}'`,
        );
      }
      checkRunnable(host, name, definition);
      const made = host.created.create({ name, type, roleArn, definition });
      host.putTags(made.stored.arn, tags);
      const version = publish.publish
        ? publishVersion(host.versions, made.stored.arn, { ...publish }, made.stored.creationDate)
        : undefined;
      return {
        stateMachineArn: made.stored.arn,
        creationDate: epochSeconds(made.stored.creationDate),
        ...(version ? { stateMachineVersionArn: version.arn } : {}),
      };
    },
    UpdateStateMachine: (input) => {
      const arn = requireArn(input, 'stateMachineArn', STATE_MACHINE_ARN);
      const definition = input.definition as string | undefined;
      const roleArn = input.roleArn as string | undefined;
      if (
        definition === undefined &&
        roleArn === undefined &&
        input.loggingConfiguration === undefined &&
        input.tracingConfiguration === undefined
      ) {
        throw new SfnApiError(
          'MissingRequiredParameter',
          'Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified',
        );
      }
      if (definition !== undefined) checkDefinitionLength(definition);
      if (roleArn !== undefined) checkRoleArn(roleArn);
      const publish = readPublish(input);
      const current = created(arn, 'UpdateStateMachine');
      if (definition !== undefined) {
        checkDefinition(definition, current.stored.type);
        checkRunnable(host, current.stored.name, definition);
      }
      const updated = host.created.update(arn, {
        ...(definition !== undefined ? { definition } : {}),
        ...(roleArn !== undefined ? { roleArn } : {}),
      });
      host.invalidate(arn);
      const updateDate = updated.stored.updateDate ?? new Date();
      const version = publish.publish
        ? publishVersion(host.versions, arn, { ...publish }, updateDate)
        : undefined;
      return {
        updateDate: epochSeconds(updateDate),
        ...(updated.stored.revisionId ? { revisionId: updated.stored.revisionId } : {}),
        ...(version ? { stateMachineVersionArn: version.arn } : {}),
      };
    },
    DeleteStateMachine: (input) => {
      const arn = requireArn(input, 'stateMachineArn', STATE_MACHINE_ARN);
      // AWS answers success for a state machine that does not exist (any more).
      if (!host.created.get(arn) && !host.model.stateMachines.some((m) => m.arn === arn)) return {};
      created(arn, 'DeleteStateMachine');
      host.created.delete(arn);
      host.invalidate(arn);
      return {};
    },
    DescribeStateMachine: (input) => {
      const arn = requireArn(input, 'stateMachineArn', STATE_MACHINE_ARN);
      if (VERSION_ARN.test(arn) && !host.versions.version(arn)) {
        throw new SfnApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
      }
      return describe(arn);
    },
    DescribeStateMachineForExecution: (input) => {
      const arn = requireArn(input, 'executionArn', EXECUTION_ARN);
      const execution = host.describeExecution(arn);
      if (!execution)
        throw new SfnApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
      if (execution.mapRunArn !== undefined) {
        // A Distributed Map's child runs `<parent state machine>/<label>`: AWS answers with
        // the state machine of the Map Run, plus the run and the Map state's label.
        const child = childStateMachine(execution.stateMachineArn);
        const parent = describe(child?.parentArn ?? execution.stateMachineArn);
        return {
          stateMachineArn: parent.stateMachineArn,
          name: parent.name,
          definition: parent.definition,
          roleArn: parent.roleArn,
          updateDate: parent.creationDate,
          ...('revisionId' in parent && parent.revisionId !== undefined
            ? { revisionId: parent.revisionId }
            : {}),
          mapRunArn: execution.mapRunArn,
          ...(child ? { label: child.label } : {}),
        };
      }
      const revision = host.executionRevision(arn);
      if (revision) {
        const name = revision.stateMachineArn.slice(revision.stateMachineArn.lastIndexOf(':') + 1);
        return {
          stateMachineArn: revision.stateMachineArn,
          name,
          definition: revision.definition,
          roleArn: revision.roleArn,
          updateDate: epochSeconds(revision.updateDate),
          revisionId: revision.revisionId,
        };
      }
      const described = describe(execution.stateMachineArn);
      return {
        stateMachineArn: described.stateMachineArn,
        name: described.name,
        definition: described.definition,
        roleArn: described.roleArn,
        updateDate: described.creationDate,
      };
    },
    ListStateMachines: (input) => {
      const machines = [
        ...host.model.stateMachines.map((m) => ({
          stateMachineArn: m.arn,
          name: m.name,
          type: m.type,
          creationDate: epochSeconds(startedAt),
        })),
        ...host.created.list().map(({ stored }) => ({
          stateMachineArn: stored.arn,
          name: stored.name,
          type: stored.type,
          creationDate: epochSeconds(stored.creationDate),
        })),
      ];
      const { page, nextToken } = pageOf(machines, input, (m) => m.stateMachineArn);
      return { stateMachines: page, ...(nextToken ? { nextToken } : {}) };
    },
    ValidateStateMachineDefinition: (input) => {
      const definition = input.definition as string;
      checkDefinitionLength(definition);
      oneOf(input, 'type', TYPES);
      oneOf(input, 'severity', SEVERITIES);
      const requested = (input.maxResults as number | undefined) ?? 0;
      if (requested < 0 || requested > 100) {
        throw validationError(
          'maxResults',
          `Member must have value ${requested < 0 ? 'greater than or equal to 0' : 'less than or equal to 100'}`,
          requested,
        );
      }
      const diagnostics =
        tooDeepDefinition(definition) ??
        validateDefinition(definition, {
          type: (input.type as 'STANDARD' | 'EXPRESS' | undefined) ?? 'STANDARD',
          severity: (input.severity as 'ERROR' | 'WARNING' | undefined) ?? 'ERROR',
        });
      const max = requested === 0 ? 100 : requested;
      return {
        result: diagnostics.some((d) => d.severity === 'ERROR') ? 'FAIL' : 'OK',
        diagnostics: diagnostics.slice(0, max).map((d) => ({
          severity: d.severity,
          code: d.code,
          message: d.message,
          ...(d.location !== undefined ? { location: d.location } : {}),
        })),
        truncated: diagnostics.length > max,
      };
    },
  };
  const checked: Record<string, SfnOperation> = {};
  for (const [name, operation] of Object.entries(operations)) {
    const shape = STATE_MACHINE_INPUT_SHAPES[name] as InputShape;
    checked[name] = (input) => {
      checkInputShape(input, shape);
      return operation(input);
    };
  }
  return checked;
}

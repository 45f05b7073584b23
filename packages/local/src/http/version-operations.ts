import type { StoredVersion } from '../store/local-store.js';
import { SfnApiError, validationError } from './api-error.js';
import { epochSeconds, pageOf, requireArn } from './execution-operations.js';
import { checkInputShape, type InputShape } from './input-shape.js';
import type { SfnOperation, SfnOperations } from './operation.js';
import type { VersionHost } from './version-host.js';

/** An unqualified state machine ARN. */
export const UNQUALIFIED_STATE_MACHINE_ARN =
  /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[^:\s]+$/;
/** A version's ARN: the state machine's, then `:<number>`. */
export const VERSION_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[^:\s]+:\d+$/;

/** AWS's limit: versions a state machine may have. */
export const MAX_VERSIONS = 1000;
/** `description` / `versionDescription`: at most 256 characters. */
const MAX_DESCRIPTION_LENGTH = 256;
/** PublishStateMachineVersion's `revisionId` for a state machine never updated. */
const INITIAL_REVISION = 'INITIAL';

const REQUIRED = { type: 'string', required: true } as const;
const STRING = { type: 'string' } as const;

const VERSION_INPUT_SHAPES: Readonly<Record<string, InputShape>> = {
  PublishStateMachineVersion: {
    stateMachineArn: REQUIRED,
    revisionId: STRING,
    description: STRING,
  },
  ListStateMachineVersions: {
    stateMachineArn: REQUIRED,
    nextToken: STRING,
    maxResults: { type: 'integer' },
  },
  DeleteStateMachineVersion: { stateMachineVersionArn: REQUIRED },
};

/** A description member: at most 256 characters (`ValidationException`). */
export function checkDescription(value: unknown, member: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = value as string;
  if (text.length > MAX_DESCRIPTION_LENGTH) {
    throw validationError(
      member,
      `Member must have length less than or equal to ${MAX_DESCRIPTION_LENGTH}`,
    );
  }
  return text;
}

/** The state machine's version for its current revision, or a new one (PublishStateMachineVersion's rules). */
export function publishVersion(
  host: VersionHost,
  stateMachineArn: string,
  options: { revisionId?: string; description?: string },
  now: Date,
): StoredVersion {
  const machine = host.stateMachine(stateMachineArn);
  if (!machine) {
    if (host.isAppStateMachine(stateMachineArn)) {
      throw new SfnApiError(
        'ValidationException',
        `PublishStateMachineVersion: '${stateMachineArn}' is a state machine of the cloud assembly; local publishes versions of state machines created through the API (CreateStateMachine)`,
      );
    }
    throw new SfnApiError(
      'StateMachineDoesNotExist',
      `State Machine Does Not Exist: '${stateMachineArn}'`,
    );
  }
  // A state machine never updated shows no revisionId; INITIAL names that first revision.
  const shown = machine.updateDate !== undefined ? machine.revisionId : INITIAL_REVISION;
  if (options.revisionId !== undefined && options.revisionId !== shown) {
    throw new SfnApiError(
      'ConflictException',
      `Failed to publish the State Machine version: the revisionId '${options.revisionId}' is not the current revision of '${stateMachineArn}' ('${shown}'): it changed since; describe it again (DescribeStateMachine) for its current revisionId`,
    );
  }
  const versions = host.versions(stateMachineArn);
  const existing = versions.find((v) => v.revisionId === machine.revisionId);
  if (existing) return existing;
  if (versions.length >= MAX_VERSIONS) {
    throw new SfnApiError(
      'ServiceQuotaExceededException',
      `'${stateMachineArn}' has ${MAX_VERSIONS} versions, the most a state machine may have: delete unused ones with DeleteStateMachineVersion`,
    );
  }
  return host.publish(stateMachineArn, options.description, now);
}

/**
 * Versions of state machines over a {@link VersionHost}: PublishStateMachineVersion
 * (idempotent for the current revision, `revisionId` checked: `ConflictException`),
 * ListStateMachineVersions (newest first) and DeleteStateMachineVersion (refused with
 * `ConflictException` while an alias routes to the version; success for one already gone).
 */
export function versionOperations(host: VersionHost, now = () => new Date()): SfnOperations {
  const operations: Record<string, SfnOperation> = {
    PublishStateMachineVersion: (input) => {
      const arn = requireArn(input, 'stateMachineArn', UNQUALIFIED_STATE_MACHINE_ARN);
      const description = checkDescription(input.description, 'description');
      const version = publishVersion(
        host,
        arn,
        {
          ...(typeof input.revisionId === 'string' ? { revisionId: input.revisionId } : {}),
          ...(description !== undefined ? { description } : {}),
        },
        now(),
      );
      return {
        creationDate: epochSeconds(version.creationDate),
        stateMachineVersionArn: version.arn,
      };
    },
    ListStateMachineVersions: (input) => {
      const arn = requireArn(input, 'stateMachineArn', UNQUALIFIED_STATE_MACHINE_ARN);
      const newestFirst = host.versions(arn).reverse();
      const { page, nextToken } = pageOf(newestFirst, input, (v) => v.arn);
      return {
        stateMachineVersions: page.map((v) => ({
          stateMachineVersionArn: v.arn,
          creationDate: epochSeconds(v.creationDate),
        })),
        ...(nextToken ? { nextToken } : {}),
      };
    },
    DeleteStateMachineVersion: (input) => {
      const arn = requireArn(input, 'stateMachineVersionArn', VERSION_ARN);
      const version = host.version(arn);
      if (!version) return {};
      const routing = host
        .aliases(version.stateMachineArn)
        .filter((alias) => alias.routing.some((r) => r.stateMachineVersionArn === arn));
      if (routing.length > 0) {
        throw new SfnApiError(
          'ConflictException',
          `Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [${routing.map((a) => a.name).join(', ')}]; route them to another version (UpdateStateMachineAlias) or delete them first`,
        );
      }
      host.deleteVersion(arn);
      return {};
    },
  };
  const checked: Record<string, SfnOperation> = {};
  for (const [name, operation] of Object.entries(operations)) {
    const shape = VERSION_INPUT_SHAPES[name] as InputShape;
    checked[name] = (input) => {
      checkInputShape(input, shape);
      return operation(input);
    };
  }
  return checked;
}

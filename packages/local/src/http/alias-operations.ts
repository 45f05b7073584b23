import type { AliasRoute } from '../model/alias-routing.js';
import { aliasArn, parseStateMachineArn } from '../model/arns.js';
import type { StoredAlias } from '../store/local-store.js';
import { SfnApiError, validationError } from './api-error.js';
import { epochSeconds, pageOf, requireArn } from './execution-operations.js';
import { checkInputShape, type InputShape } from './input-shape.js';
import type { SfnOperation, SfnOperations } from './operation.js';
import type { VersionHost } from './version-host.js';
import {
  checkDescription,
  UNQUALIFIED_STATE_MACHINE_ARN,
  VERSION_ARN,
} from './version-operations.js';

/** An alias's ARN: the state machine's, then `:<alias name>` (not only digits). */
export const ALIAS_ARN =
  /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[^:\s]+:(?=[^:\s]*[a-zA-Z_.-])[a-zA-Z0-9_.-]+$/;
/** An alias name (API reference): letters, digits, `_`, `-`, `.`, not only digits. */
const ALIAS_NAME = /^(?=.*[a-zA-Z_\-.])[a-zA-Z0-9_\-.]+$/;
const MAX_ALIAS_NAME_LENGTH = 80;
/** AWS's limit: aliases a state machine may have. */
const MAX_ALIASES = 100;

const REQUIRED = { type: 'string', required: true } as const;
const STRING = { type: 'string' } as const;

const ALIAS_INPUT_SHAPES: Readonly<Record<string, InputShape>> = {
  CreateStateMachineAlias: { name: REQUIRED, description: STRING },
  DescribeStateMachineAlias: { stateMachineAliasArn: REQUIRED },
  UpdateStateMachineAlias: { stateMachineAliasArn: REQUIRED, description: STRING },
  DeleteStateMachineAlias: { stateMachineAliasArn: REQUIRED },
  ListStateMachineAliases: {
    stateMachineArn: REQUIRED,
    nextToken: STRING,
    maxResults: { type: 'integer' },
  },
};

/**
 * `routingConfiguration`, checked as AWS checks it: one or two routes, each to an existing
 * version (`InvalidArn`, `ResourceNotFound`) of one same state machine, with weights from 0
 * to 100 that add up to 100 (`ValidationException`). Returns the routes and their state
 * machine.
 */
function readRouting(
  host: VersionHost,
  value: unknown,
): { routes: AliasRoute[]; stateMachineArn: string } {
  if (value === undefined || value === null) {
    throw validationError('routingConfiguration', 'Member must not be null', null);
  }
  if (!Array.isArray(value)) {
    throw new SfnApiError('SerializationException', "Expected a list for 'routingConfiguration'");
  }
  if (value.length < 1 || value.length > 2) {
    throw validationError(
      'routingConfiguration',
      `Member must have length ${value.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 2'}`,
    );
  }
  const routes = value.map((item: unknown, index): AliasRoute => {
    const where = `routingConfiguration.${index + 1}.member`;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      throw new SfnApiError('SerializationException', `Expected a structure for '${where}'`);
    }
    const route = item as Record<string, unknown>;
    checkInputShape(route, {
      stateMachineVersionArn: { type: 'string', required: true },
      weight: { type: 'integer', required: true },
    });
    const weight = route.weight as number;
    if (weight < 0 || weight > 100) {
      throw validationError(
        `${where}.weight`,
        `Member must have value ${weight < 0 ? 'greater than or equal to 0' : 'less than or equal to 100'}`,
        weight,
      );
    }
    const arn = requireArn(route, 'stateMachineVersionArn', VERSION_ARN);
    if (!host.version(arn)) {
      throw new SfnApiError(
        'ResourceNotFound',
        `Resource not found: '${arn}' (publish it with PublishStateMachineVersion first)`,
      );
    }
    return { stateMachineVersionArn: arn, weight };
  });
  const machines = new Set(
    routes.map((r) => parseStateMachineArn(r.stateMachineVersionArn)?.stateMachineArn),
  );
  if (machines.size > 1) {
    throw new SfnApiError(
      'ValidationException',
      'Routing configuration must contain versions of the same state machine',
    );
  }
  if (
    routes.length === 2 &&
    routes[0]?.stateMachineVersionArn === routes[1]?.stateMachineVersionArn
  ) {
    throw new SfnApiError(
      'ValidationException',
      'Routing configuration must contain distinct state machine versions',
    );
  }
  const total = routes.reduce((sum, r) => sum + r.weight, 0);
  if (total !== 100) {
    throw new SfnApiError(
      'ValidationException',
      `Sum of routing configuration weights must be equal to 100; the weights given add up to ${total}`,
    );
  }
  return { routes, stateMachineArn: [...machines][0] as string };
}

const sameRouting = (a: readonly AliasRoute[], b: readonly AliasRoute[]) =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * Aliases of state machines over a {@link VersionHost}: CreateStateMachineAlias
 * (idempotent for the same request, `ConflictException` for another one of that name),
 * DescribeStateMachineAlias, UpdateStateMachineAlias, DeleteStateMachineAlias and
 * ListStateMachineAliases, with AWS's routing rules (see {@link readRouting}).
 */
export function aliasOperations(host: VersionHost, now = () => new Date()): SfnOperations {
  const existing = (input: Record<string, unknown>) => {
    const arn = requireArn(input, 'stateMachineAliasArn', ALIAS_ARN);
    const alias = host.alias(arn);
    if (!alias) throw new SfnApiError('ResourceNotFound', `Resource not found: '${arn}'`);
    return alias;
  };
  const describe = (alias: StoredAlias) => ({
    stateMachineAliasArn: alias.arn,
    name: alias.name,
    ...(alias.description !== undefined ? { description: alias.description } : {}),
    routingConfiguration: alias.routing,
    creationDate: epochSeconds(alias.creationDate),
    ...(alias.updateDate ? { updateDate: epochSeconds(alias.updateDate) } : {}),
  });
  const operations: Record<string, SfnOperation> = {
    CreateStateMachineAlias: (input) => {
      const name = input.name as string;
      if (name.length < 1 || name.length > MAX_ALIAS_NAME_LENGTH) {
        throw validationError(
          'name',
          `Member must have length ${name.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_ALIAS_NAME_LENGTH}`}`,
          name,
        );
      }
      if (!ALIAS_NAME.test(name)) {
        throw new SfnApiError(
          'InvalidName',
          `Invalid Name: '${name}' (an alias name has letters, digits, '_', '-' and '.', and not only digits)`,
        );
      }
      const description = checkDescription(input.description, 'description');
      const { routes, stateMachineArn } = readRouting(host, input.routingConfiguration);
      const arn = aliasArn(stateMachineArn, name);
      const found = host.alias(arn);
      if (found) {
        if (sameRouting(found.routing, routes) && found.description === description) {
          return { stateMachineAliasArn: arn, creationDate: epochSeconds(found.creationDate) };
        }
        throw new SfnApiError(
          'ConflictException',
          `Failed to create alias because an alias with the same name and a different routing configuration already exists: '${arn}' (change it with UpdateStateMachineAlias)`,
        );
      }
      if (host.aliases(stateMachineArn).length >= MAX_ALIASES) {
        throw new SfnApiError(
          'ServiceQuotaExceededException',
          `'${stateMachineArn}' has ${MAX_ALIASES} aliases, the most a state machine may have`,
        );
      }
      const alias: StoredAlias = {
        arn,
        stateMachineArn,
        name,
        ...(description !== undefined ? { description } : {}),
        routing: routes,
        creationDate: now(),
      };
      host.putAlias(alias);
      return { stateMachineAliasArn: arn, creationDate: epochSeconds(alias.creationDate) };
    },
    DescribeStateMachineAlias: (input) => describe(existing(input)),
    UpdateStateMachineAlias: (input) => {
      const alias = existing(input);
      if (
        (input.description === undefined || input.description === null) &&
        (input.routingConfiguration === undefined || input.routingConfiguration === null)
      ) {
        throw new SfnApiError(
          'ValidationException',
          'Either the description or the RoutingConfiguration must be specified',
        );
      }
      const description = checkDescription(input.description, 'description');
      let routing = alias.routing;
      if (input.routingConfiguration !== undefined && input.routingConfiguration !== null) {
        const read = readRouting(host, input.routingConfiguration);
        if (read.stateMachineArn !== alias.stateMachineArn) {
          throw new SfnApiError(
            'ValidationException',
            `Routing configuration must contain versions of the alias's state machine, '${alias.stateMachineArn}'`,
          );
        }
        routing = read.routes;
      }
      const updated: StoredAlias = {
        ...alias,
        ...(description !== undefined ? { description } : {}),
        routing,
        updateDate: now(),
      };
      host.putAlias(updated);
      return { updateDate: epochSeconds(updated.updateDate as Date) };
    },
    DeleteStateMachineAlias: (input) => {
      host.deleteAlias(existing(input).arn);
      return {};
    },
    ListStateMachineAliases: (input) => {
      const arn = requireArn(input, 'stateMachineArn', UNQUALIFIED_STATE_MACHINE_ARN);
      if (!host.stateMachine(arn) && !host.isAppStateMachine(arn)) {
        throw new SfnApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
      }
      const { page, nextToken } = pageOf(host.aliases(arn), input, (a) => a.arn);
      return {
        stateMachineAliases: page.map((a) => ({
          stateMachineAliasArn: a.arn,
          creationDate: epochSeconds(a.creationDate),
        })),
        ...(nextToken ? { nextToken } : {}),
      };
    },
  };
  const checked: Record<string, SfnOperation> = {};
  for (const [name, operation] of Object.entries(operations)) {
    const shape = ALIAS_INPUT_SHAPES[name] as InputShape;
    checked[name] = (input) => {
      checkInputShape(input, shape);
      return operation(input);
    };
  }
  return checked;
}

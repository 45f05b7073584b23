import { UnsupportedFeatureError } from '../errors.js';

/** What `Ref` and `Fn::GetAtt` of one resource resolve to locally. */
export interface ResolvedResource {
  readonly ref: string;
  readonly attributes: Readonly<Record<string, string>>;
}

/** The values intrinsics resolve against. */
export interface IntrinsicContext {
  readonly region: string;
  readonly account: string;
  readonly stackName: string;
  /** Template parameters' values (their `Default`s). */
  readonly parameters: Readonly<Record<string, unknown>>;
  /** Resolves a resource's logical id; undefined when it is not in the template. */
  resource(logicalId: string): ResolvedResource | undefined;
}

/** Marks a value that `AWS::NoValue` removed. */
const NO_VALUE = Symbol('AWS::NoValue');

function pseudoParameter(
  name: string,
  context: IntrinsicContext,
): string | typeof NO_VALUE | undefined {
  switch (name) {
    case 'AWS::Partition':
      return 'aws';
    case 'AWS::Region':
      return context.region;
    case 'AWS::AccountId':
      return context.account;
    case 'AWS::URLSuffix':
      return 'amazonaws.com';
    case 'AWS::StackName':
      return context.stackName;
    case 'AWS::StackId':
      return `arn:aws:cloudformation:${context.region}:${context.account}:stack/${context.stackName}/local`;
    case 'AWS::NoValue':
      return NO_VALUE;
    case 'AWS::NotificationARNs':
      return undefined;
    default:
      return undefined;
  }
}

function resolveRef(name: string, context: IntrinsicContext): unknown {
  const pseudo = pseudoParameter(name, context);
  if (pseudo !== undefined) return pseudo;
  if (Object.hasOwn(context.parameters, name)) return context.parameters[name];
  const resource = context.resource(name);
  if (!resource)
    throw new UnsupportedFeatureError(`Ref to "${name}", which is not in the template`);
  return resource.ref;
}

function resolveGetAtt(target: unknown, context: IntrinsicContext): string {
  const [logicalId, attribute] =
    typeof target === 'string'
      ? (target.split(/\.(.*)/s) as [string, string])
      : (target as [string, string]);
  const resource = context.resource(logicalId);
  if (!resource)
    throw new UnsupportedFeatureError(`Fn::GetAtt of "${logicalId}", which is not in the template`);
  const known = Object.hasOwn(resource.attributes, attribute)
    ? resource.attributes[attribute]
    : undefined;
  return known ?? `${resource.ref}.${attribute}`;
}

function substitute(
  template: string,
  variables: Readonly<Record<string, unknown>>,
  context: IntrinsicContext,
): string {
  return template.replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`;
    if (Object.hasOwn(variables, name)) return String(variables[name]);
    if (name.includes('.')) return resolveGetAtt(name, context);
    const value = resolveRef(name, context);
    if (value === NO_VALUE || value === undefined) return whole;
    return String(value);
  });
}

/**
 * Resolves CloudFormation intrinsic functions (`Ref`, `Fn::GetAtt`, `Fn::Join`, `Fn::Sub`,
 * `Fn::Select`, `Fn::Split`, `Fn::If` is refused) in `value`, against local names, ARNs
 * and URLs.
 *
 * @throws UnsupportedFeatureError for an intrinsic with no local meaning (`Fn::ImportValue`,
 *   `Fn::If`, …) or a reference to a resource that is not in the template.
 */
export function resolveIntrinsics(value: unknown, context: IntrinsicContext): unknown {
  const resolved = resolveValue(value, context);
  return resolved === NO_VALUE ? undefined : resolved;
}

function resolveValue(value: unknown, context: IntrinsicContext): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => resolveValue(item, context)).filter((item) => item !== NO_VALUE);
  }
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  if (entries.length === 1) {
    const [key, argument] = entries[0] as [string, unknown];
    switch (key) {
      case 'Ref':
        return resolveRef(String(argument), context);
      case 'Fn::GetAtt':
        return resolveGetAtt(argument, context);
      case 'Fn::Join': {
        const [separator, parts] = argument as [string, unknown];
        const list = resolveValue(parts, context) as unknown[];
        return list.map(String).join(separator);
      }
      case 'Fn::Sub': {
        if (typeof argument === 'string') return substitute(argument, {}, context);
        const [template, variables] = argument as [string, Record<string, unknown>];
        const resolvedVariables = resolveValue(variables ?? {}, context) as Record<string, unknown>;
        return substitute(template, resolvedVariables, context);
      }
      case 'Fn::Select': {
        const [index, list] = argument as [unknown, unknown];
        const items = resolveValue(list, context) as unknown[];
        return items[Number(resolveValue(index, context))];
      }
      case 'Fn::Split': {
        const [separator, source] = argument as [string, unknown];
        return String(resolveValue(source, context)).split(separator);
      }
      case 'Fn::Base64':
        return Buffer.from(String(resolveValue(argument, context))).toString('base64');
      case 'Fn::GetAZs':
        return [`${context.region}a`, `${context.region}b`, `${context.region}c`];
      default:
        if (key.startsWith('Fn::')) {
          throw new UnsupportedFeatureError(
            `the intrinsic function ${key} is not supported locally`,
          );
        }
    }
  }
  const result: Record<string, unknown> = {};
  for (const [key, item] of entries) {
    const resolvedItem = resolveValue(item, context);
    if (resolvedItem !== NO_VALUE) result[key] = resolvedItem;
  }
  return result;
}

import type { StoredTag } from '../store/local-store.js';
import { SfnApiError, validationError } from './api-error.js';
import { requireArn } from './execution-operations.js';
import { checkInputShape } from './input-shape.js';
import type { SfnOperations } from './operation.js';
import type { TagHost } from './tag-host.js';

/** AWS's limits on tags (Step Functions API reference, `Tag`; service quotas): per resource. */
export const MAX_TAGS = 50;
export const MAX_TAG_KEY_LENGTH = 128;
export const MAX_TAG_VALUE_LENGTH = 256;

/** The resources that take tags: state machines and activities (no qualifier). */
export const TAGGABLE_ARN =
  /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:(?:stateMachine|activity):[^:\s]+$/;

/**
 * A request's `tags` member (CreateStateMachine, CreateActivity, TagResource), checked as
 * the service checks it: a list of `{key, value}` objects, keys of 1 to 128 characters,
 * values of at most 256 (`ValidationException` naming the member, e.g. `tags.2.member.key`).
 */
export function readTags(value: unknown, member = 'tags'): StoredTag[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new SfnApiError('SerializationException', `Expected a list for '${member}'`);
  }
  return value.map((tag: unknown, index) => {
    const where = `${member}.${index + 1}.member`;
    if (tag === null || typeof tag !== 'object' || Array.isArray(tag)) {
      throw new SfnApiError('SerializationException', `Expected a structure for '${where}'`);
    }
    checkInputShape(tag as Record<string, unknown>, {
      key: { type: 'string' },
      value: { type: 'string' },
    });
    const { key, value: tagValue } = tag as { key?: string; value?: string };
    if (key === undefined || key.length < 1 || key.length > MAX_TAG_KEY_LENGTH) {
      throw validationError(
        `${where}.key`,
        key === undefined
          ? 'Member must not be null'
          : `Member must have length ${key.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_TAG_KEY_LENGTH}`}`,
        key ?? null,
      );
    }
    if (tagValue !== undefined && tagValue.length > MAX_TAG_VALUE_LENGTH) {
      throw validationError(
        `${where}.value`,
        `Member must have length less than or equal to ${MAX_TAG_VALUE_LENGTH}`,
        tagValue,
      );
    }
    return { key, value: tagValue ?? '' };
  });
}

/** `TooManyTags` when `resourceArn` would carry more than {@link MAX_TAGS} distinct keys. */
export function checkTagCount(
  resourceArn: string,
  existing: readonly StoredTag[],
  added: readonly StoredTag[],
): void {
  const keys = new Set([...existing, ...added].map((tag) => tag.key));
  if (keys.size > MAX_TAGS) {
    throw new SfnApiError(
      'TooManyTags',
      `Too many tags: '${resourceArn}' would have ${keys.size} tags; a resource can have at most ${MAX_TAGS}. Remove some with UntagResource first.`,
    );
  }
}

/**
 * TagResource, UntagResource and ListTagsForResource on state machines and activities, with
 * AWS's limits (50 tags a resource, keys of 1 to 128 characters, values of at most 256)
 * and errors (`InvalidArn`, `ResourceNotFound`, `TooManyTags`, `ValidationException`).
 */
export function tagOperations(host: TagHost): SfnOperations {
  const resource = (input: Record<string, unknown>) => {
    const arn = requireArn(input, 'resourceArn', TAGGABLE_ARN);
    if (!host.resourceExists(arn)) {
      throw new SfnApiError('ResourceNotFound', `Resource not found: '${arn}'`);
    }
    return arn;
  };
  return {
    TagResource: (input) => {
      checkInputShape(input, { resourceArn: { type: 'string', required: true } });
      if (input.tags === undefined || input.tags === null) {
        throw validationError('tags', 'Member must not be null', null);
      }
      const arn = resource(input);
      const tags = readTags(input.tags);
      checkTagCount(arn, host.tags(arn), tags);
      host.putTags(arn, tags);
      return {};
    },
    UntagResource: (input) => {
      checkInputShape(input, { resourceArn: { type: 'string', required: true } });
      const keys = input.tagKeys;
      if (keys === undefined || keys === null) {
        throw validationError('tagKeys', 'Member must not be null', null);
      }
      if (!Array.isArray(keys) || keys.some((key) => typeof key !== 'string')) {
        throw new SfnApiError('SerializationException', "Expected a list of strings for 'tagKeys'");
      }
      keys.forEach((key: string, index) => {
        if (key.length < 1 || key.length > MAX_TAG_KEY_LENGTH) {
          throw validationError(
            `tagKeys.${index + 1}.member`,
            `Member must have length ${key.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_TAG_KEY_LENGTH}`}`,
            key,
          );
        }
      });
      host.removeTags(resource(input), keys as string[]);
      return {};
    },
    ListTagsForResource: (input) => {
      checkInputShape(input, { resourceArn: { type: 'string', required: true } });
      return { tags: host.tags(resource(input)) };
    },
  };
}

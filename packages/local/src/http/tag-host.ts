import type { StoredTag } from '../store/local-store.js';

/** What the tag operations need: which resources exist, and their tags. */
export interface TagHost {
  /** Whether a state machine (of the app or created) or an activity has this ARN. */
  resourceExists(resourceArn: string): boolean;
  tags(resourceArn: string): StoredTag[];
  putTags(resourceArn: string, tags: readonly StoredTag[]): void;
  removeTags(resourceArn: string, keys: readonly string[]): void;
}

import type {
  StoredAlias,
  StoredRevision,
  StoredStateMachine,
  StoredVersion,
} from '../store/local-store.js';

/**
 * What the version and alias operations need from whoever keeps the state machines (the
 * runner, over its store): the HTTP side depends on this interface, not on the runner.
 */
export interface VersionHost {
  /** A state machine created through the API (only those have versions here), by ARN. */
  stateMachine(arn: string): StoredStateMachine | undefined;
  /** Whether the ARN is one of the app's state machines (from the cloud assembly). */
  isAppStateMachine(arn: string): boolean;
  /** A revision of a created state machine. */
  revision(revisionId: string): StoredRevision | undefined;
  /** Publishes the state machine's current revision as its next version number. */
  publish(stateMachineArn: string, description: string | undefined, now: Date): StoredVersion;
  /** The versions of one state machine, oldest first. */
  versions(stateMachineArn: string): StoredVersion[];
  version(versionArn: string): StoredVersion | undefined;
  deleteVersion(versionArn: string): void;
  /** The aliases of one state machine, oldest first. */
  aliases(stateMachineArn: string): StoredAlias[];
  alias(aliasArn: string): StoredAlias | undefined;
  putAlias(alias: StoredAlias): void;
  deleteAlias(aliasArn: string): void;
}

import { randomUUID } from 'node:crypto';
import type { StateMachineSpec } from '../assembly/app-model.js';
import { versionArn } from '../model/arns.js';
import type { LocalStore, StoredStateMachine, StoredVersion } from './local-store.js';

/** A state machine created through the API: its spec to run, and what Describe answers. */
export interface CreatedStateMachine {
  readonly spec: StateMachineSpec;
  readonly stored: StoredStateMachine;
}

/** What CreateStateMachine and UpdateStateMachine hand in, already checked. */
export interface StateMachineInput {
  readonly name: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly roleArn: string;
  /** The definition as the client sent it. */
  readonly definition: string;
  readonly description?: string;
}

function toSpec(stored: StoredStateMachine): StateMachineSpec {
  return {
    logicalId: stored.name,
    name: stored.name,
    arn: stored.arn,
    type: stored.type,
    roleArn: stored.roleArn,
    definition: JSON.parse(stored.definition) as Record<string, unknown>,
  };
}

/**
 * The state machines created through the API (not the app's), kept in the store so that a
 * restarted `serve` with the same `--data-dir` has them again. Each create and update is a
 * new revision; executions remember the revision they ran.
 */
export class CreatedStateMachines {
  readonly #store: LocalStore;
  readonly #byArn = new Map<string, CreatedStateMachine>();
  readonly #arnOf: (name: string) => string;

  /** @param arnOf the ARN a state machine of that name gets (region and account of the runner). */
  constructor(store: LocalStore, arnOf: (name: string) => string) {
    this.#store = store;
    this.#arnOf = arnOf;
    for (const stored of store.stateMachines()) {
      this.#byArn.set(stored.arn, { spec: toSpec(stored), stored });
    }
  }

  /** The ARN a state machine of `name` has. */
  arnOf(name: string): string {
    return this.#arnOf(name);
  }

  get(arn: string): CreatedStateMachine | undefined {
    return this.#byArn.get(arn);
  }

  find(predicate: (spec: StateMachineSpec) => boolean): CreatedStateMachine | undefined {
    for (const created of this.#byArn.values()) if (predicate(created.spec)) return created;
    return undefined;
  }

  /** Created state machines, oldest first. */
  list(): CreatedStateMachine[] {
    return [...this.#byArn.values()];
  }

  /** Creates a state machine (the caller checked that the name is free). */
  create(input: StateMachineInput, now = new Date()): CreatedStateMachine {
    const stored: StoredStateMachine = {
      arn: this.#arnOf(input.name),
      name: input.name,
      type: input.type,
      roleArn: input.roleArn,
      definition: input.definition,
      creationDate: now,
      revisionId: randomUUID(),
      ...(input.description !== undefined ? { description: input.description } : {}),
    };
    return this.#put(stored);
  }

  /** Replaces the definition and/or role of a created state machine: a new revision. */
  update(
    arn: string,
    change: { definition?: string; roleArn?: string },
    now = new Date(),
  ): CreatedStateMachine {
    const current = this.#byArn.get(arn) as CreatedStateMachine;
    return this.#put({
      ...current.stored,
      ...(change.definition !== undefined ? { definition: change.definition } : {}),
      ...(change.roleArn !== undefined ? { roleArn: change.roleArn } : {}),
      updateDate: now,
      revisionId: randomUUID(),
    });
  }

  /**
   * Publishes the current revision of a created state machine as its next version: numbers
   * count up per state machine and are never reused, also after a version is deleted.
   */
  publish(arn: string, description: string | undefined, now = new Date()): StoredVersion {
    const current = this.#byArn.get(arn) as CreatedStateMachine;
    const number = (current.stored.versionCount ?? 0) + 1;
    this.#put({ ...current.stored, versionCount: number }, false);
    const version: StoredVersion = {
      arn: versionArn(arn, number),
      stateMachineArn: arn,
      version: number,
      revisionId: current.stored.revisionId as string,
      ...(description !== undefined ? { description } : {}),
      creationDate: now,
    };
    this.#store.putVersion(version);
    return version;
  }

  /** The spec of a published version (its frozen definition), with the revision it runs. */
  versionSpec(versionArn: string): { spec: StateMachineSpec; revisionId: string } | undefined {
    const version = this.#store.versions().find((v) => v.arn === versionArn);
    const revision = version ? this.#store.revision(version.revisionId) : undefined;
    const current = version ? this.#byArn.get(version.stateMachineArn) : undefined;
    if (!version || !revision || !current) return undefined;
    return {
      spec: {
        ...current.spec,
        roleArn: revision.roleArn,
        definition: JSON.parse(revision.definition) as Record<string, unknown>,
      },
      revisionId: revision.revisionId,
    };
  }

  delete(arn: string): void {
    this.#byArn.delete(arn);
    this.#store.deleteStateMachine(arn);
  }

  #put(stored: StoredStateMachine, newRevision = true): CreatedStateMachine {
    const created = { spec: toSpec(stored), stored };
    this.#byArn.set(stored.arn, created);
    this.#store.putStateMachine(stored, newRevision);
    return created;
  }
}

import { randomUUID } from 'node:crypto';
import type { StateMachineSpec } from '../assembly/model.js';
import type { LocalStore, StoredStateMachine } from './local-store.js';

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

  delete(arn: string): void {
    this.#byArn.delete(arn);
    this.#store.deleteStateMachine(arn);
  }

  #put(stored: StoredStateMachine): CreatedStateMachine {
    const created = { spec: toSpec(stored), stored };
    this.#byArn.set(stored.arn, created);
    this.#store.putStateMachine(stored);
    return created;
  }
}

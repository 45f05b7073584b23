import type { RecordedHistoryEvent as HistoryEvent } from '@sfn-callback/asl';
import type { ExecutionDescription, ExecutionStatus } from '../model/execution.js';
import type { BusEvent, TopicMessage } from '../model/sent-messages.js';
import type { LocalStore, StoredExecution } from './local-store.js';

/**
 * An ended execution the runner no longer holds, answered from the store: its row, and
 * its history and messages read back from the database each time they are asked for.
 */
export class StoredExecutionView implements ExecutionDescription {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: ExecutionStatus;
  readonly startDate: Date;
  readonly stopDate?: Date;
  readonly input: string;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
  readonly revisionId?: string;
  readonly stateMachineVersionArn?: string;
  readonly stateMachineAliasArn?: string;
  /** Not kept: the API shows tokens whole in the history, and the CLI's report was printed at the end. */
  readonly taskTokens: readonly string[] = [];
  readonly #store: LocalStore;

  constructor(row: StoredExecution, store: LocalStore) {
    this.executionArn = row.executionArn;
    this.stateMachineArn = row.stateMachineArn;
    this.name = row.name;
    this.status = row.status;
    this.startDate = row.startDate;
    this.input = row.input;
    if (row.stopDate) this.stopDate = row.stopDate;
    if (row.output !== undefined) this.output = row.output;
    if (row.error !== undefined) this.error = row.error;
    if (row.cause !== undefined) this.cause = row.cause;
    if (row.revisionId !== undefined) this.revisionId = row.revisionId;
    if (row.stateMachineVersionArn !== undefined)
      this.stateMachineVersionArn = row.stateMachineVersionArn;
    if (row.stateMachineAliasArn !== undefined)
      this.stateMachineAliasArn = row.stateMachineAliasArn;
    this.#store = store;
  }

  /** Times it was redriven (RedriveExecution), read from the store. */
  get redriveCount(): number {
    return this.#store.redriveOf(this.executionArn)?.redriveCount ?? 0;
  }

  /** When it was last redriven, if it was. */
  get redriveDate(): Date | undefined {
    return this.#store.redriveOf(this.executionArn)?.redriveDate;
  }

  /** The Map Run it is a child of, for a Distributed Map's child execution. */
  get mapRunArn(): string | undefined {
    return this.#store.mapRunOf(this.executionArn);
  }

  get events(): readonly HistoryEvent[] {
    return this.#store.events(this.executionArn);
  }

  get notifications(): readonly TopicMessage[] {
    return this.#messages('sns') as unknown as TopicMessage[];
  }

  get busEvents(): readonly BusEvent[] {
    return this.#messages('events') as unknown as BusEvent[];
  }

  #messages(kind: 'sns' | 'events'): Record<string, unknown>[] {
    return this.#store
      .notifications({ executionArn: this.executionArn, kind })
      .map((n) => ({ ...n.body, timestamp: n.timestamp }));
  }
}

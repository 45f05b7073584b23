import type { ConformanceCase } from './load-cases.ts';

/**
 * Behaviour AWS changed between recordings. The engine does what AWS does today (the newest
 * recordings); an older recording is brought to today's behaviour before it is compared,
 * so that it still checks everything else. Each change names the recordings that date it.
 */
interface BehaviourChange {
  readonly what: string;
  /** Recordings made before this day show the old behaviour. */
  readonly before: string;
  readonly update: (history: Record<string, unknown>[]) => void;
}

const CHANGES: readonly BehaviourChange[] = [
  {
    what:
      "A Distributed Map's MapStateExited chains to MapRunStarted, no longer to MapRunSucceeded " +
      '(old: map/test_map_state_label, 2024-07-20; new: map/test_map_state_config_distributed_item_selector_parameters, 2024-11-15)',
    before: '2024-11-01',
    update(history) {
      for (let i = 0; i + 2 < history.length; i++) {
        const [runEnd, succeeded, exited] = [history[i], history[i + 1], history[i + 2]];
        if (
          runEnd?.type !== 'MapRunSucceeded' ||
          succeeded?.type !== 'MapStateSucceeded' ||
          exited?.type !== 'MapStateExited'
        )
          continue;
        exited.previousEventId = runEnd.previousEventId;
      }
    },
  },
];

/** The case with its recorded history brought to AWS's behaviour of today. */
export function withTodaysBehaviour(testCase: ConformanceCase): ConformanceCase {
  const recorded = recordingDay(testCase);
  const history = testCase.expected.history;
  if (typeof recorded !== 'string' || !history) return testCase;
  const changes = CHANGES.filter(({ before }) => recorded < before);
  if (changes.length === 0) return testCase;
  const updated = structuredClone(history) as unknown as Record<string, unknown>[];
  for (const change of changes) change.update(updated);
  return {
    ...testCase,
    expected: { ...testCase.expected, history: updated as unknown as typeof history },
  };
}

/** The day AWS produced the recording: its last validation, else the snapshot's date (DD-MM-YYYY). */
export function recordingDay(testCase: ConformanceCase): string | undefined {
  const validated = testCase.sourceDetail?.lastValidatedAgainstAWS;
  if (typeof validated === 'string') return validated;
  const match = /^(\d{2})-(\d{2})-(\d{4})/.exec(testCase.sourceDetail?.recordedDate ?? '');
  return match ? `${match[3]}-${match[2]}-${match[1]}` : undefined;
}

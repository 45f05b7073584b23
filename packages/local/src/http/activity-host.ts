import type { ActivityTask } from '../integrations/activity-tasks.js';
import type { StoredActivity, StoredTag } from '../store/local-store.js';

/** What the activity operations need from whoever runs the executions (the runner). */
export interface ActivityHost {
  /** The ARN an activity of that name gets (the runner's region and account). */
  activityArn(name: string): string;
  activity(arn: string): StoredActivity | undefined;
  /** Activities, oldest first. */
  activities(): StoredActivity[];
  /** Creates an activity with its tags (the caller checked the name is free). */
  createActivity(activity: StoredActivity, tags: readonly StoredTag[]): void;
  /** Deletes an activity: its held polls end with no task. */
  deleteActivity(arn: string): void;
  /**
   * Long-polls for a task of the activity, held up to the host's hold time (AWS: 60 s);
   * undefined when none was scheduled in that time.
   */
  pollActivity(arn: string, workerName: string): Promise<ActivityTask | undefined>;
}

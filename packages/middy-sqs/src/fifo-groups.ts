import type { SQSRecord } from 'aws-lambda';

/**
 * Splits a batch's record indexes into FIFO message groups, each in batch order (which
 * is the order SQS delivers them in), groups in order of their first record. A record
 * without a `MessageGroupId` is a group of its own.
 *
 * @returns the groups, or `undefined` when FIFO ordering is off or no record has a group,
 * so every record can run on its own.
 */
export function groupByMessageGroup(
  records: readonly SQSRecord[],
  fifo: 'auto' | boolean,
): number[][] | undefined {
  if (fifo === false) return undefined;
  if (
    fifo === 'auto' &&
    !records.some((record) => record.attributes?.MessageGroupId !== undefined)
  ) {
    return undefined;
  }
  const groups = new Map<string, number[]>();
  const units: number[][] = [];
  for (let index = 0; index < records.length; index++) {
    const groupId = records[index]?.attributes?.MessageGroupId;
    if (groupId === undefined) {
      units.push([index]);
      continue;
    }
    let group = groups.get(groupId);
    if (group === undefined) {
      group = [];
      groups.set(groupId, group);
      units.push(group);
    }
    group.push(index);
  }
  return units;
}

/**
 * Runs `run(0)` … `run(count - 1)` with at most `limit` of them in flight, starting them in
 * index order. `run` must not reject (the record processor turns every error into an
 * outcome); if it does, the first rejection is returned after all runs settled.
 */
export async function runWithConcurrency(
  count: number,
  limit: number,
  run: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      await run(index);
    }
  };
  const workers = Math.min(limit, count);
  if (workers === 1) return worker();
  const running: Promise<void>[] = new Array(workers);
  for (let i = 0; i < workers; i++) running[i] = worker();
  await Promise.all(running);
}

/**
 * Group commit in the application: calls that share a key and arrive while an earlier group of that key
 * is still being written are written together, as one statement and one commit, when it is done.
 *
 * A call that finds its key idle starts a group at once (after the calls already parsed in the same turn
 * of the event loop join it), so a quiet server adds no wait. Under a burst (a thousand families
 * registering the minute a lecture opens) each group is as large as what arrived during the previous
 * write, the row lock and the commit are paid once per group instead of once per call, and at most one
 * write per key per process holds a pooled connection at any time.
 *
 * `write` receives the calls in arrival order and answers each, by position. If it throws, every call of
 * that group fails with the same error; the next group is unaffected.
 */
export interface GroupCommit<In, Out> {
  (key: string, input: In): Promise<Out>;
}

interface Pending<In, Out> {
  input: In;
  resolve: (out: Out) => void;
  reject: (err: unknown) => void;
}

export function groupCommit<In, Out>(
  write: (key: string, inputs: In[]) => Promise<Out[]>,
  opts: { maxGroup?: number } = {},
): GroupCommit<In, Out> {
  const maxGroup = opts.maxGroup ?? 1000;
  /** Per key: the calls waiting for the next group. A key is present while a group of it is being written. */
  const waiting = new Map<string, Pending<In, Out>[]>();

  const flush = async (key: string) => {
    const queue = waiting.get(key)!;
    const group = queue.splice(0, maxGroup);
    try {
      const outs = await write(
        key,
        group.map((p) => p.input),
      );
      if (outs.length !== group.length)
        throw new Error(`group commit: ${outs.length} answers for ${group.length} calls`);
      group.forEach((p, i) => p.resolve(outs[i]));
    } catch (err) {
      for (const p of group) p.reject(err);
    }
    if (queue.length > 0) void flush(key);
    else waiting.delete(key);
  };

  return (key, input) =>
    new Promise<Out>((resolve, reject) => {
      const queue = waiting.get(key);
      if (queue) {
        queue.push({ input, resolve, reject });
        return;
      }
      waiting.set(key, [{ input, resolve, reject }]);
      setImmediate(() => void flush(key));
    });
}

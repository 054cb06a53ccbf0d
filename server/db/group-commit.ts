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

interface KeyState<In, Out> {
  queue: Pending<In, Out>[];
  /** Groups of this key being written now. */
  running: number;
  /** A start is due at the next turn of the event loop. */
  scheduled: boolean;
}

export function groupCommit<In, Out>(
  write: (key: string, inputs: In[]) => Promise<Out[]>,
  opts: {
    maxGroup?: number;
    /** Groups of one key written at the same time (1: a key's groups follow each other, as for a row lock). */
    concurrency?: number;
  } = {},
): GroupCommit<In, Out> {
  const maxGroup = opts.maxGroup ?? 1000;
  const concurrency = opts.concurrency ?? 1;
  /** Per key: the calls waiting for the next group, and the groups running. Gone when both are none. */
  const keys = new Map<string, KeyState<In, Out>>();

  const run = async (key: string, st: KeyState<In, Out>, group: Pending<In, Out>[]) => {
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
    st.running -= 1;
    // What arrived meanwhile goes now, as one group.
    if (st.queue.length > 0) start(key, st);
    else if (st.running === 0 && !st.scheduled) keys.delete(key);
  };

  const start = (key: string, st: KeyState<In, Out>) => {
    while (st.running < concurrency && st.queue.length > 0) {
      st.running += 1;
      void run(key, st, st.queue.splice(0, maxGroup));
    }
  };

  return (key, input) =>
    new Promise<Out>((resolve, reject) => {
      let st = keys.get(key);
      if (!st) keys.set(key, (st = { queue: [], running: 0, scheduled: false }));
      st.queue.push({ input, resolve, reject });
      if (st.running < concurrency && !st.scheduled) {
        // Let the calls already parsed in this turn of the event loop join the group.
        st.scheduled = true;
        const state = st;
        setImmediate(() => {
          state.scheduled = false;
          start(key, state);
          if (state.running === 0 && state.queue.length === 0) keys.delete(key);
        });
      }
    });
}

/**
 * One value per server process, made on first use: keyed by the process's `sql` runner (one per
 * process, one per test app), so groups never mix two databases' calls.
 */
export function perRunner<R extends object, T>(make: (runner: R) => T): (runner: R) => T {
  const made = new WeakMap<R, T>();
  return (runner) => {
    let value = made.get(runner);
    if (value === undefined) made.set(runner, (value = make(runner)));
    return value;
  };
}

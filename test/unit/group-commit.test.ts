import { groupCommit } from '../../server/db/group-commit';

/** A write that records its groups and answers each input doubled, after the test lets it finish. */
function recorder() {
  const groups: number[][] = [];
  const gates: (() => void)[] = [];
  const write = async (_key: string, inputs: number[]) => {
    groups.push(inputs);
    await new Promise<void>((r) => gates.push(r));
    return inputs.map((x) => x * 2);
  };
  const release = async () => {
    while (gates.length === 0) await new Promise((r) => setImmediate(r));
    gates.shift()!();
  };
  return { groups, write, release };
}

it('calls arriving while a group is written go together in the next group, in arrival order', async () => {
  const r = recorder();
  const call = groupCommit(r.write);
  const first = [call('s', 1), call('s', 2)];
  await r.release();
  expect(await Promise.all(first)).toEqual([2, 4]);
  expect(r.groups).toEqual([[1, 2]]);

  const a = call('s', 3);
  await new Promise((res) => setImmediate(res));
  const later = [call('s', 4), call('s', 5), call('s', 6)];
  await r.release();
  expect(await a).toBe(6);
  await r.release();
  expect(await Promise.all(later)).toEqual([8, 10, 12]);
  expect(r.groups).toEqual([[1, 2], [3], [4, 5, 6]]);
});

it('keys are grouped apart, a group never exceeds its limit, and a failed group fails only its own calls', async () => {
  const groups: string[] = [];
  const call = groupCommit<number, number>(
    async (key, inputs) => {
      groups.push(`${key}:${inputs.join(',')}`);
      if (inputs.includes(13)) throw new Error('boom');
      return inputs;
    },
    { maxGroup: 2 },
  );
  const results = await Promise.allSettled([call('a', 1), call('b', 2), call('a', 13), call('a', 4), call('a', 5)]);
  expect(results.map((x) => (x.status === 'fulfilled' ? x.value : 'failed'))).toEqual(['failed', 2, 'failed', 4, 5]);
  // Keys do not wait for each other; within a key the groups keep arrival order.
  expect(groups.filter((g) => g.startsWith('a'))).toEqual(['a:1,13', 'a:4,5']);
  expect(groups.filter((g) => g.startsWith('b'))).toEqual(['b:2']);
});

it('a writer answering the wrong number of calls fails the group instead of answering someone else', async () => {
  const call = groupCommit<number, number>(async () => [1]);
  await expect(Promise.all([call('k', 1), call('k', 2)])).rejects.toThrow('2 calls');
});

it('with a concurrency of 2, a second group starts while the first is written, and a third waits', async () => {
  const r = recorder();
  const call = groupCommit(r.write, { concurrency: 2 });
  const a = call('k', 1);
  await new Promise((res) => setImmediate(res));
  const b = call('k', 2);
  await new Promise((res) => setImmediate(res));
  const c = [call('k', 3), call('k', 4)];
  await new Promise((res) => setImmediate(res));
  expect(r.groups).toEqual([[1], [2]]);
  await r.release();
  await r.release();
  await r.release();
  expect([await a, await b, ...(await Promise.all(c))]).toEqual([2, 4, 6, 8]);
  expect(r.groups).toEqual([[1], [2], [3, 4]]);
});

import { act, renderHook } from '@testing-library/react';
import { z } from 'zod';
import { passwordLoginInput } from '@shared/schemas';
import { chinaTimeField, chosen, wholeNumberField, wire } from '../../../client/lib/form-fields';
import { useSchemaForm } from '../../../client/lib/use-schema-form';
import { resetTaro } from './taro-shim';

beforeEach(resetTaro);

test('fields that do not pass send nothing and show the first message of the shared schema', async () => {
  const send = jest.fn(async () => undefined);
  const { result } = renderHook(() => useSchemaForm(passwordLoginInput, { username: '', password: '' }));
  await act(() => result.current.submit(send));
  expect(send).not.toHaveBeenCalled();
  expect(result.current.error).toBe('请填写用户名');
  expect(result.current.fieldErrors).toEqual({ username: '请填写用户名', password: '请填写密码' });
});

test('what is sent is the parsed data, not the fields as typed', async () => {
  const send = jest.fn(async (_data: { username: string; password: string }) => undefined);
  const { result } = renderHook(() => useSchemaForm(passwordLoginInput, { username: '', password: '' }));
  act(() => result.current.set('username')('  coord.demo  '));
  act(() => result.current.set('password')('demo12345'));
  expect(result.current.values).toEqual({ username: '  coord.demo  ', password: 'demo12345' });
  await act(() => result.current.submit(send));
  expect(send).toHaveBeenCalledWith({ username: 'coord.demo', password: 'demo12345' });
  expect(result.current.error).toBeNull();
});

// A form like 开设活动: a chip choice, a number and a time typed as text.
const sessionLike = z
  .object({
    kind: chosen(z.enum(['LECTURE', 'SALON']), '请选择活动类型'),
    capacity: wholeNumberField,
    startsAt: chinaTimeField('开始时间', '2026-12-05 19:00'),
  })
  .pipe(
    z.object({
      kind: z.enum(['LECTURE', 'SALON']),
      capacity: z.number({ error: '请填写名额（按家庭计）' }).int().min(1),
      startsAt: z.iso.datetime({ offset: true }).transform((v) => new Date(v)),
    }),
  );

test('a form reads chips, numbers and China times into what the procedure takes, in the order checked', async () => {
  const send = jest.fn(async (_data: z.output<typeof sessionLike>) => undefined);
  const { result } = renderHook(() => useSchemaForm(sessionLike, { kind: null, capacity: '', startsAt: '' }));

  await act(() => result.current.submit(send));
  expect(result.current.error).toBe('请选择活动类型');
  expect(result.current.fieldErrors).toEqual({
    kind: '请选择活动类型',
    startsAt: '请填写开始时间（如 2026-12-05 19:00）',
  });

  act(() => result.current.setValues({ kind: 'SALON', capacity: '', startsAt: '12月5日晚上' }));
  await act(() => result.current.submit(send));
  expect(result.current.error).toBe('开始时间格式不正确，请按“2026-12-05 19:00”填写');

  act(() => result.current.set('startsAt')('2026-12-05 19:00'));
  await act(() => result.current.submit(send));
  expect(result.current.error).toBe('请填写名额（按家庭计）');

  act(() => result.current.set('capacity')(' 30 '));
  await act(() => result.current.submit(send));
  expect(send).toHaveBeenCalledTimes(1);
  const data = send.mock.calls[0][0];
  expect(data).toEqual({ kind: 'SALON', capacity: 30, startsAt: new Date('2026-12-05T11:00:00Z') });
  expect(wire(data)).toEqual({ kind: 'SALON', capacity: 30, startsAt: '2026-12-05T11:00:00.000Z' });
  expect(result.current.error).toBeNull();
});

test('a server error after a valid submit shows under the form; the form is busy meanwhile', async () => {
  let fail!: (e: Error) => void;
  const send = jest.fn(
    () =>
      new Promise<void>((_resolve, reject) => {
        fail = reject;
      }),
  );
  const { result } = renderHook(() => useSchemaForm(passwordLoginInput, { username: 'coord.demo', password: 'x' }));
  let submitting!: Promise<void>;
  act(() => {
    submitting = result.current.submit(send);
  });
  expect(result.current.busy).toBe(true);
  await act(() => result.current.submit(send));
  expect(send).toHaveBeenCalledTimes(1);
  await act(async () => {
    fail(new Error('用户名或密码不正确'));
    await submitting;
  });
  expect(result.current.busy).toBe(false);
  expect(result.current.error).toBe('用户名或密码不正确');
});

test('reset starts the form over without the last error', async () => {
  const { result } = renderHook(() => useSchemaForm(passwordLoginInput, { username: '', password: '' }));
  await act(() => result.current.submit(async () => undefined));
  expect(result.current.error).toBe('请填写用户名');
  act(() => result.current.reset({ username: 'a', password: 'b' }));
  expect(result.current.error).toBeNull();
  expect(result.current.fieldErrors).toEqual({});
  expect(result.current.values).toEqual({ username: 'a', password: 'b' });
});

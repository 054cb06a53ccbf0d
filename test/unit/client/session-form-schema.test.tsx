// The 新建 / 编辑活动 form through useSchemaForm: what the coordinator reads when something is missing, and what
// the server is sent when nothing is.
import { act, renderHook } from '@testing-library/react';
import { wire } from '../../../client/lib/form-fields';
import { useSchemaForm } from '../../../client/lib/use-schema-form';
import {
  EMPTY_SESSION_FIELDS,
  sessionFormSchema,
  type SessionFields,
  type SessionRequest,
} from '../../../client/features/sessions/session-form-schema';

const filled: SessionFields = {
  ...EMPTY_SESSION_FIELDS,
  kind: 'GUIDANCE',
  title: '  亲子沟通工作坊 ',
  startsAt: '2026-12-05 19:00',
  endsAt: '2026-12-05 20:30',
  venue: '阶梯教室',
  capacity: '40',
  mentalHealth: false,
};

async function submit(target: Parameters<typeof sessionFormSchema>[0], fields: SessionFields) {
  const sent: SessionRequest[] = [];
  const { result } = renderHook(() => useSchemaForm(sessionFormSchema(target), fields));
  await act(() =>
    result.current.submit(async (request) => {
      sent.push(request);
    }),
  );
  return { error: result.current.error, sent };
}

test('a new session without a type asks for the type first, before the missing times', async () => {
  const { error, sent } = await submit({ orgUnitId: 'u1', course: false }, EMPTY_SESSION_FIELDS);
  expect(error).toBe('请选择活动类型');
  expect(sent).toEqual([]);
});

test('a time that is not a time says how to write it; a missing end time asks for it', async () => {
  expect((await submit({ orgUnitId: 'u1', course: false }, { ...filled, startsAt: '12月5日晚上' })).error).toBe(
    '开始时间格式不正确，请按“2026-12-05 19:00”填写',
  );
  expect((await submit({ orgUnitId: 'u1', course: false }, { ...filled, endsAt: ' ' })).error).toBe(
    '请填写结束时间（如 2026-12-05 20:30）',
  );
});

test('then the shared schema speaks: an empty title, a place for an offline session', async () => {
  expect((await submit({ orgUnitId: 'u1', course: false }, { ...filled, title: ' ' })).error).toBe('请填写活动名称');
  expect((await submit({ orgUnitId: 'u1', course: false }, { ...filled, venue: '' })).error).toBe('线下活动请填写地点');
});

test('a complete new session goes to sessions.create as parsed: trimmed, numbers, China time, guidance', async () => {
  const { error, sent } = await submit({ orgUnitId: 'u1', course: false }, filled);
  expect(error).toBeNull();
  expect(sent).toHaveLength(1);
  const [request] = sent;
  expect(request.procedure).toBe('create');
  expect(wire(request.input)).toMatchObject({
    orgUnitId: 'u1',
    kind: 'GUIDANCE',
    title: '亲子沟通工作坊',
    capacity: 40,
    mentalHealth: true,
    startsAt: '2026-12-05T11:00:00.000Z',
    endsAt: '2026-12-05T12:30:00.000Z',
  });
});

test('a weekly course goes to sessions.createCourse with its first lesson, length and weeks', async () => {
  const course = { ...filled, kind: 'LESSON' as const, endsAt: '', durationMinutes: '60', weeks: '6' };
  expect((await submit({ orgUnitId: 'u1', course: true }, { ...course, startsAt: '' })).error).toBe(
    '请填写第一课开始时间（如 2026-12-05 19:00）',
  );
  const { sent } = await submit({ orgUnitId: 'u1', course: true }, course);
  expect(sent.map((r) => r.procedure)).toEqual(['createCourse']);
  expect(wire(sent[0].input)).toMatchObject({
    kind: 'LESSON',
    firstStartsAt: '2026-12-05T11:00:00.000Z',
    durationMinutes: 60,
    weeks: 6,
    mentalHealth: false,
  });
});

test('editing sends sessions.update for that session, whatever the (unchangeable) type', async () => {
  const { sent } = await submit({ sessionId: 's9' }, { ...filled, kind: null, capacity: '35' });
  expect(sent.map((r) => r.procedure)).toEqual(['update']);
  expect(wire(sent[0].input)).toMatchObject({ sessionId: 's9', capacity: 35, startsAt: '2026-12-05T11:00:00.000Z' });
});

test('capacity: the same limits and words as the server — below 1, above 2000, empty', async () => {
  const target = { orgUnitId: 'u1', course: false } as const;
  expect((await submit(target, { ...filled, capacity: '-1' })).error).toBe('人数上限至少为 1 个家庭');
  expect((await submit(target, { ...filled, capacity: '0' })).error).toBe('人数上限至少为 1 个家庭');
  expect((await submit(target, { ...filled, capacity: '99999' })).error).toBe('人数上限最多 2000 个家庭');
  expect((await submit(target, { ...filled, capacity: '' })).error).toBe('请填写人数上限（按家庭计）');
  expect((await submit({ sessionId: 's9' }, { ...filled, capacity: '2001' })).error).toBe('人数上限最多 2000 个家庭');
  const { error, sent } = await submit(target, { ...filled, capacity: '2000' });
  expect(error).toBeNull();
  expect(wire(sent[0].input)).toMatchObject({ capacity: 2000 });
});

// The 新建 / 编辑活动 form as one schema per mode: the fields as typed → the input of sessions.update,
// sessions.createCourse or sessions.create, checked by that procedure's own shared schema.
import { z } from 'zod';
import {
  SESSION_KINDS,
  SESSION_MODES,
  createCourseInput,
  createSessionInput,
  updateSessionInput,
  type SessionKind,
} from '@shared/sessions';
import { toInputText } from '../../lib/china-time';
import {
  chinaTimeField,
  chosen,
  integerField,
  optionalTextField,
  parsedBy,
  wholeNumberField,
} from '../../lib/form-fields';
import type { RouterOutputs } from '../../lib/trpc';

type Detail = RouterOutputs['sessions']['get'];
type Mode = (typeof SESSION_MODES)[number];

/** The form's fields as the user fills them (whether a new session is a course is the form's mode). */
export interface SessionFields {
  kind: SessionKind | null;
  title: string;
  /** The first lesson's start for a course. */
  startsAt: string;
  endsAt: string;
  durationMinutes: string;
  weeks: string;
  mode: Mode;
  venue: string;
  liveUrl: string;
  capacity: string;
  mentalHealth: boolean;
  speaker: string;
  description: string;
  draft: boolean;
}

export const EMPTY_SESSION_FIELDS: SessionFields = {
  kind: null,
  title: '',
  startsAt: '',
  endsAt: '',
  durationMinutes: '90',
  weeks: '4',
  mode: 'OFFLINE',
  venue: '',
  liveUrl: '',
  capacity: '',
  mentalHealth: false,
  speaker: '',
  description: '',
  draft: false,
};

export function sessionFieldsOf(d: Detail): SessionFields {
  return {
    ...EMPTY_SESSION_FIELDS,
    kind: d.kind,
    title: d.title,
    startsAt: toInputText(d.startsAt),
    endsAt: toInputText(d.endsAt),
    mode: d.mode,
    venue: d.venue ?? '',
    liveUrl: d.liveUrl ?? '',
    capacity: String(d.capacity),
    mentalHealth: d.mentalHealth,
    speaker: d.speaker ?? '',
    description: d.description ?? '',
  };
}

/** What the form sends: which procedure, and its input as that procedure's schema parsed it. */
export type SessionRequest =
  | { procedure: 'update'; input: z.output<typeof updateSessionInput> }
  | { procedure: 'createCourse'; input: z.output<typeof createCourseInput> }
  | { procedure: 'create'; input: z.output<typeof createSessionInput> };

const START = '2026-12-05 19:00';
const END = '2026-12-05 20:30';

/**
 * The fields read, with the checks the shared schemas cannot make on typed text: 活动类型 (`kind`) first, then
 * the times (added by each mode); only when they pass does the procedure's own schema see the input.
 */
function fields<
  K extends z.ZodType<SessionKind | null, SessionKind | null> | z.ZodType<SessionKind, SessionKind | null>,
>(kind: K) {
  return z.object({
    kind,
    title: z.string(),
    durationMinutes: wholeNumberField,
    weeks: wholeNumberField,
    mode: z.enum(SESSION_MODES),
    venue: z.string(),
    liveUrl: optionalTextField,
    capacity: integerField,
    mentalHealth: z.boolean(),
    speaker: z.string(),
    description: z.string(),
    draft: z.boolean(),
  });
}

const requiredKind = chosen(z.enum(SESSION_KINDS), '请选择活动类型');
const shownKind = z.enum(SESSION_KINDS).nullable();

interface CommonRead {
  kind: SessionKind | null;
  title: string;
  mode: Mode;
  venue: string;
  liveUrl: string | undefined;
  capacity: number | undefined;
  mentalHealth: boolean;
  speaker: string;
  description: string;
}

/** Fields every mode sends alike. A guidance session always counts as mental-health guidance. */
function common(f: CommonRead) {
  return {
    title: f.title,
    mode: f.mode,
    venue: f.venue,
    liveUrl: f.liveUrl,
    capacity: f.capacity,
    mentalHealth: f.kind === 'GUIDANCE' ? true : f.mentalHealth,
    speaker: f.speaker,
    description: f.description,
  };
}

/** 编辑活动 (`sessionId`), or 新建活动 in `orgUnitId` (a weekly course when `course` is on). */
export function sessionFormSchema(
  target: { sessionId: string } | { orgUnitId: string; course: boolean },
): z.ZodType<SessionRequest, SessionFields> {
  if ('sessionId' in target) {
    return fields(shownKind)
      .extend({ startsAt: chinaTimeField('开始时间', START), endsAt: chinaTimeField('结束时间', END) })
      .transform((f, ctx) => {
        const input = { sessionId: target.sessionId, ...common(f), startsAt: f.startsAt, endsAt: f.endsAt };
        return { procedure: 'update' as const, input: parsedBy(updateSessionInput, input, ctx) };
      });
  }
  const { orgUnitId } = target;
  if (target.course) {
    return fields(requiredKind)
      .extend({ startsAt: chinaTimeField('第一课开始时间', START), endsAt: z.string() })
      .transform((f, ctx) => {
        const { startsAt: firstStartsAt, durationMinutes, weeks, draft } = f;
        const input = { orgUnitId, kind: f.kind, ...common(f), firstStartsAt, durationMinutes, weeks, draft };
        return { procedure: 'createCourse' as const, input: parsedBy(createCourseInput, input, ctx) };
      });
  }
  return fields(requiredKind)
    .extend({ startsAt: chinaTimeField('开始时间', START), endsAt: chinaTimeField('结束时间', END) })
    .transform((f, ctx) => {
      const input = { orgUnitId, kind: f.kind, ...common(f), startsAt: f.startsAt, endsAt: f.endsAt, draft: f.draft };
      return { procedure: 'create' as const, input: parsedBy(createSessionInput, input, ctx) };
    });
}

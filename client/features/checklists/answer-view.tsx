import { ReadAloud } from '../../components/read-aloud';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { ANSWER_OPTIONS, submitChecklistInput, type AnswerValue } from '@shared/checklists';
import { ChoiceChips } from '../../components/choice-chips';
import { FormError } from '../../components/form-field';
import { Button } from '../../components/nutui';
import { RemoteState } from '../../components/remote-state';
import { errorCode } from '../../lib/api-error';
import { formatDateTime } from '../../lib/china-time';
import { canGoBack } from '../../lib/navigation';
import { loadMe } from '../../lib/auth-store';
import { chosen, parsedBy } from '../../lib/form-fields';
import { remoteKeys } from '../../lib/remote-keys';
import { trpc, type RouterOutputs } from '../../lib/trpc';
import { invalidate, useRemote } from '../../lib/use-remote';
import { useSchemaForm } from '../../lib/use-schema-form';
import { forgetChecklistConsent, loadChecklistConsent } from './checklist-consent';
import { rememberResult } from './result-cache';
import { CHECKLIST_ROUTES } from './routes';
import { keyboardPress } from '../../components/pressable';
import './checklists.scss';

type Checklist = RouterOutputs['checklists']['list'][number];
type Child = RouterOutputs['families']['mine']['children'][number];
type Draft = NonNullable<RouterOutputs['checklists']['answerDraft']>;

const SHARE_CHOICES = [
  { value: 'yes', label: '分享给学校心理健康教师' },
  { value: 'no', label: '不分享' },
] as const;
type Share = (typeof SHARE_CHOICES)[number]['value'];

const FAMILY_SHARE_CHOICES = [
  { value: 'no', label: '只有我能看到' },
  { value: 'yes', label: '家里其他监护人也能看到' },
] as const;
type FamilyShare = (typeof FAMILY_SHARE_CHOICES)[number]['value'];

async function loadAnswerPage(checklistId: string, childId: string) {
  const me = await loadMe();
  const [consent, checklists, family] = await Promise.all([
    loadChecklistConsent(me.id),
    trpc.checklists.list.query(),
    trpc.families.mine.query(),
  ]);
  const checklist = checklists.find((c) => c.id === checklistId);
  if (!checklist) throw new Error('该清单不存在或已更新，请返回重新选择清单');
  const child = family.children.find((c) => c.id === childId);
  if (!child) throw new Error('没有找到这个孩子（只能为自己家的孩子填写）');
  // The answers given before a reload or leaving the page, kept on the server (encrypted) until submitted.
  const draft = consent.consented ? await trpc.checklists.answerDraft.query({ checklistId, childId }) : null;
  return { userId: me.id, consented: consent.consented, checklist, child, draft };
}

function backToChecklists() {
  if (canGoBack()) void Taro.navigateBack();
  else void Taro.redirectTo({ url: CHECKLIST_ROUTES.parent });
}

/**
 * Keeps the answers so far on the server after every answer and step: one save at a time, the newest values
 * last (a tap during a save is sent when it ends). Before submitting or starting over, `settle()` waits for the
 * save under way, so that it cannot bring back a draft the server has just deleted.
 */
function useDraftSaver(checklistId: string, childId: string) {
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | 'failed'>('idle');
  const pending = useRef<{ answers: Record<string, AnswerValue>; step: number } | null>(null);
  const loop = useRef<Promise<void> | null>(null);
  const paused = useRef(false);
  useEffect(() => {
    paused.current = false;
    return () => {
      paused.current = true;
    };
  }, []);
  const run = async () => {
    while (pending.current && !paused.current) {
      const next = pending.current;
      pending.current = null;
      setState('saving');
      try {
        await trpc.checklists.saveAnswerDraft.mutate({ checklistId, childId, ...next });
        if (!pending.current) setState('saved');
      } catch {
        setState('failed');
      }
    }
    loop.current = null;
  };
  return {
    state,
    save: (answers: Record<string, AnswerValue>, step: number) => {
      pending.current = { answers, step };
      if (!paused.current && !loop.current) loop.current = run();
    },
    /** No more saves; resolves once the one under way (if any) has ended. */
    settle: async () => {
      paused.current = true;
      pending.current = null;
      await loop.current;
    },
    /** Saving again (a submission that did not go through). */
    resume: () => {
      paused.current = false;
    },
  };
}

const SAVE_TEXT = {
  idle: '',
  saving: '正在保存…',
  saved: '回答已自动保存，刷新页面或稍后回来都可以接着填写',
  failed: '暂时没能保存回答（网络不稳定），请继续填写，稍后会再保存',
} as const;

function SaveStatus({ state }: { state: keyof typeof SAVE_TEXT }) {
  if (state === 'idle') return null;
  return <Text className={`cl-save cl-save--${state}`}>{SAVE_TEXT[state]}</Text>;
}

/** Which step a restored draft opens on: the item it was on, within the checklist. */
function restoredStep(draft: Draft | null, total: number): number {
  if (!draft) return -1;
  return Math.max(0, Math.min(draft.step, total));
}

function Progress({ current, total }: { current: number; total: number }) {
  const pct = Math.round((current / total) * 100);
  return (
    <View className='cl-progress'>
      <Text className='cl-progress__text'>
        第 {current} 题 / 共 {total} 题
      </Text>
      <View className='cl-progress__bar'>
        <View className='cl-progress__fill' style={{ width: `${pct}%` }} />
      </View>
    </View>
  );
}

function ShareStep({
  child,
  share,
  onChange,
  familyShare,
  onFamilyShare,
}: {
  child: Child;
  share: Share | null;
  onChange: (s: Share) => void;
  familyShare: FamilyShare;
  onFamilyShare: (s: FamilyShare) => void;
}) {
  return (
    <View className='cl-card cl-share'>
      <Text className='cl-card__heading'>与学校心理健康教师共享结果</Text>
      <Text className='cl-card__text'>
        选择“分享”后，如果结果是“建议联系学校”或“紧急”，{child.schoolName}
        的心理健康教师会收到提醒，看到{child.name}
        的姓名、班级、这份清单的回答和结果，并与您联系（紧急情况在 24 小时内，其他情况在 3 天内）。
      </Text>
      <Text className='cl-card__text'>
        只有本校的心理健康教师能看到，班主任、其他老师和同学都看不到。结果没有达到需要学校跟进的程度时，不会发送给学校。
      </Text>
      <Text className='cl-card__text'>
        选择“不分享”，结果只保存在您自己的账号里，学校看不到。无论怎样选择，您都可以随时删除这次记录。
      </Text>
      <ChoiceChips options={SHARE_CHOICES} value={share} onChange={onChange} />
      <Text className='cl-card__heading'>家里其他监护人能看到吗？</Text>
      <Text className='cl-card__text'>
        这次填写的内容属于您本人。选择“家里其他监护人也能看到”后，他们可以查看结果，但只有您能删除。
      </Text>
      <ChoiceChips options={FAMILY_SHARE_CHOICES} value={familyShare} onChange={onFamilyShare} />
    </View>
  );
}

/** The answers and the sharing choice → checklists.submit's input. */
const answersForm = (checklistId: string, childId: string) =>
  z
    .object({
      share: chosen(z.enum(['yes', 'no']), '请选择是否与学校心理健康教师共享结果'),
      familyShare: z.enum(['yes', 'no']),
      answers: z.record(z.string(), z.custom<AnswerValue>()),
    })
    .transform((f, ctx) =>
      parsedBy(
        submitChecklistInput,
        {
          checklistId,
          childId,
          answers: f.answers,
          shareWithSchool: f.share === 'yes',
          shareWithFamily: f.familyShare === 'yes',
        },
        ctx,
      ),
    );

function Questionnaire({
  checklist,
  child,
  userId,
  draft,
}: {
  checklist: Checklist;
  child: Child;
  userId: string;
  draft: Draft | null;
}) {
  const total = checklist.items.length;
  const known = new Set(checklist.items.map((i) => i.id));
  // -1: the checklist's introduction; 0…total-1: one item each; total: the sharing choice.
  const [step, setStep] = useState(() => restoredStep(draft, total));
  const [restored, setRestored] = useState(draft);
  const form = useSchemaForm(answersForm(checklist.id, child.id), () => ({
    share: null,
    familyShare: 'no' as FamilyShare,
    answers: Object.fromEntries(Object.entries(draft?.answers ?? {}).filter(([id]) => known.has(id))) as Record<
      string,
      AnswerValue
    >,
  }));
  const { values, set, setValues, busy, error, setError } = form;
  const { answers, share, familyShare } = values;
  const saver = useDraftSaver(checklist.id, child.id);

  const go = (next: number) => {
    setError(null);
    setStep(next);
    if (next >= 0) saver.save(answers, next);
  };

  const answer = (itemId: string, value: AnswerValue) => {
    setError(null);
    const next = { ...answers, [itemId]: value };
    setValues((v) => ({ ...v, answers: next }));
    saver.save(next, step);
  };

  const startOver = async () => {
    await saver.settle();
    await trpc.checklists.discardAnswerDraft
      .mutate({ checklistId: checklist.id, childId: child.id })
      .catch(() => undefined);
    form.reset({ share: null, familyShare: 'no', answers: {} });
    setRestored(null);
    setStep(-1);
    saver.resume();
  };

  const restoredNote = restored ? (
    <View className='cl-card cl-restored'>
      <Text className='cl-card__text'>
        已为您恢复上次的回答（{formatDateTime(restored.updatedAt)} 保存，已答 {Object.keys(answers).length}{' '}
        题），可以接着填写。
      </Text>
      <View className='cl-row'>
        <Button size='small' fill='outline' onClick={() => setRestored(null)}>
          好的，接着填
        </Button>
        <Button size='small' fill='outline' onClick={() => void startOver()}>
          从头重新填写
        </Button>
      </View>
    </View>
  ) : null;

  const submit = async () => {
    // An unanswered item (the sharing choice first): back to it.
    const missing = checklist.items.findIndex((item) => answers[item.id] === undefined);
    if (share !== null && missing >= 0) {
      setError(`第 ${missing + 1} 题还没有回答`);
      setStep(missing);
      return;
    }
    await form.submit(async (input) => {
      // The server deletes the draft with the submission: no save may come after it.
      await saver.settle();
      try {
        const result = await trpc.checklists.submit.mutate(input);
        rememberResult({
          ...result,
          checklistTitle: checklist.title,
          childName: child.name,
          shared: input.shareWithSchool,
        });
        // The checklists page's history shows the new response.
        invalidate(remoteKeys.checklists.parentPage);
        await Taro.redirectTo({ url: CHECKLIST_ROUTES.result(result.responseId) });
      } catch (e) {
        // The consent was withdrawn elsewhere (or its text changed): ask again on the checklists page.
        if (errorCode(e) === 'FORBIDDEN') forgetChecklistConsent(userId);
        // Not submitted: the answers are kept again as they change.
        saver.resume();
        throw e;
      }
    });
  };

  if (step < 0) {
    return (
      <View className='checklist-answer'>
        <View className='cl-card'>
          <Text className='cl-card__heading'>{checklist.title}</Text>
          <Text className='cl-line'>
            为 {child.name} 填写 · 共 {total} 题
          </Text>
          <Text className='cl-card__text cl-intro-text'>{checklist.intro}</Text>
          <Text className='cl-card__hint'>每题选择“从不”“有时”或“经常”。您的回答加密保存，只有您家能查看。</Text>
          {checklist.items.some((i) => i.critical) ? (
            <Text className='cl-card__hint cl-critical-hint'>
              标有“⚠ 危险信号”的题目，只要出现过（有时或经常），就请立即求助，不要等待。
            </Text>
          ) : null}
          <View className='cl-actions'>
            <Button type='primary' block onClick={() => go(0)}>
              开始填写
            </Button>
          </View>
        </View>
      </View>
    );
  }

  if (step >= total) {
    return (
      <View className='checklist-answer'>
        {restoredNote}
        <ShareStep
          child={child}
          share={share}
          onChange={set('share')}
          familyShare={familyShare}
          onFamilyShare={set('familyShare')}
        />
        <FormError message={error} />
        <View className='cl-nav'>
          <Button fill='outline' onClick={() => go(total - 1)}>
            上一题
          </Button>
          <Button type='primary' loading={busy} onClick={() => void submit()}>
            提交清单
          </Button>
        </View>
        <SaveStatus state={saver.state} />
      </View>
    );
  }

  const item = checklist.items[step];
  const current = answers[item.id];
  return (
    <View className='checklist-answer'>
      {restoredNote}
      <Progress current={step + 1} total={total} />
      <View className={`cl-card cl-item${item.critical ? ' cl-item--critical' : ''}`} data-item-id={item.id}>
        {item.critical ? (
          <Text className='cl-item__flag' data-critical='true'>
            ⚠ 危险信号：出现过就请立即求助
          </Text>
        ) : null}
        <Text className='cl-item__text'>{item.text}</Text>
        <ReadAloud
          text={`${item.critical ? '危险信号。' : ''}${item.text}。${ANSWER_OPTIONS.map((o) => o.label).join('，')}。`}
        />
        <View className='cl-options' role='radiogroup' aria-label={item.text}>
          {ANSWER_OPTIONS.map((o) => (
            <View
              key={o.value}
              className={`cl-option${current === o.value ? ' cl-option--selected' : ''}`}
              role='radio'
              aria-checked={current === o.value ? 'true' : 'false'}
              {...keyboardPress()}
              onClick={() => answer(item.id, o.value)}
            >
              <Text>{o.label}</Text>
            </View>
          ))}
        </View>
      </View>
      <FormError message={error} />
      <View className='cl-nav'>
        <Button fill='outline' onClick={() => go(step - 1)}>
          上一题
        </Button>
        <Button type='primary' onClick={() => (current === undefined ? setError('请先选择一个答案') : go(step + 1))}>
          {step === total - 1 ? '下一步' : '下一题'}
        </Button>
      </View>
      <SaveStatus state={saver.state} />
    </View>
  );
}

/** Answering a checklist, one item per screen, then the sharing choice and 提交. */
export function AnswerView({ checklistId, childId }: { checklistId: string; childId: string }) {
  const { state, reload } = useRemote(remoteKeys.checklists.answer(checklistId, childId), () =>
    loadAnswerPage(checklistId, childId),
  );
  return (
    <RemoteState state={state} reload={reload}>
      {(page) =>
        page.consented ? (
          <Questionnaire checklist={page.checklist} child={page.child} userId={page.userId} draft={page.draft} />
        ) : (
          <View className='checklist-answer'>
            <View className='cl-card'>
              <Text className='cl-card__heading'>需要先单独同意</Text>
              <Text className='cl-card__text'>
                填写心理预警清单前，请先在“心理预警清单”页阅读并同意《敏感个人信息单独同意（心理预警清单）》。
              </Text>
              <View className='cl-actions'>
                <Button type='primary' block onClick={backToChecklists}>
                  去阅读并同意
                </Button>
              </View>
            </View>
          </View>
        )
      }
    </RemoteState>
  );
}

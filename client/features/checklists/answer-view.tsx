import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { z } from 'zod';
import { ANSWER_OPTIONS, submitChecklistInput, type AnswerValue } from '@shared/checklists';
import { ChoiceChips } from '../../components/choice-chips';
import { FormError } from '../../components/form-field';
import { Button } from '../../components/nutui';
import { RemoteState } from '../../components/remote-state';
import { errorCode } from '../../lib/api-error';
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
  return { userId: me.id, consented: consent.consented, checklist, child };
}

function backToChecklists() {
  Taro.navigateBack().catch(() => Taro.redirectTo({ url: CHECKLIST_ROUTES.parent }));
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

function Questionnaire({ checklist, child, userId }: { checklist: Checklist; child: Child; userId: string }) {
  const total = checklist.items.length;
  // -1: the checklist's introduction; 0…total-1: one item each; total: the sharing choice.
  const [step, setStep] = useState(-1);
  const form = useSchemaForm(answersForm(checklist.id, child.id), {
    share: null,
    familyShare: 'no' as FamilyShare,
    answers: {},
  });
  const { values, set, setValues, busy, error, setError } = form;
  const { answers, share, familyShare } = values;

  const go = (next: number) => {
    setError(null);
    setStep(next);
  };

  const submit = async () => {
    // An unanswered item (the sharing choice first): back to it.
    const missing = checklist.items.findIndex((item) => answers[item.id] === undefined);
    if (share !== null && missing >= 0) {
      setError(`第 ${missing + 1} 题还没有回答`);
      setStep(missing);
      return;
    }
    await form.submit(async (input) => {
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
      </View>
    );
  }

  const item = checklist.items[step];
  const answer = answers[item.id];
  return (
    <View className='checklist-answer'>
      <Progress current={step + 1} total={total} />
      <View className='cl-card cl-item' data-item-id={item.id}>
        <Text className='cl-item__text'>{item.text}</Text>
        <View className='cl-options' role='radiogroup' aria-label={item.text}>
          {ANSWER_OPTIONS.map((o) => (
            <View
              key={o.value}
              className={`cl-option${answer === o.value ? ' cl-option--selected' : ''}`}
              role='radio'
              aria-checked={answer === o.value ? 'true' : 'false'}
              {...keyboardPress()}
              onClick={() => {
                setError(null);
                setValues((v) => ({ ...v, answers: { ...v.answers, [item.id]: o.value } }));
              }}
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
        <Button type='primary' onClick={() => (answer === undefined ? setError('请先选择一个答案') : go(step + 1))}>
          {step === total - 1 ? '下一步' : '下一题'}
        </Button>
      </View>
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
          <Questionnaire checklist={page.checklist} child={page.child} userId={page.userId} />
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

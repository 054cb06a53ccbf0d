import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { z } from 'zod';
import { CHECKLIST_STAGE_LABELS, type ChecklistStage } from '@shared/checklists';
import { gradeLabel } from '@shared/grades';
import { ChoiceChips } from '../../components/choice-chips';
import { FormError } from '../../components/form-field';
import { Button } from '../../components/nutui';
import { RemoteState } from '../../components/remote-state';
import { loadMe } from '../../lib/auth-store';
import { chinaTime } from '../../lib/china-time';
import { chosen } from '../../lib/form-fields';
import { remoteKeys } from '../../lib/remote-keys';
import { trpc, type RouterOutputs } from '../../lib/trpc';
import { useAction } from '../../lib/use-action';
import { invalidate, useRemote } from '../../lib/use-remote';
import { useSchemaForm } from '../../lib/use-schema-form';
import {
  grantChecklistConsent,
  loadChecklistConsent,
  withdrawChecklistConsent,
  type ConsentText,
} from './checklist-consent';
import { ChecklistConsentCard } from './consent-card';
import { ResponseHistory, type HistoryItem } from './response-history';
import { CHECKLIST_ROUTES } from './routes';
import { keyboardPress } from '../../components/pressable';
import './checklists.scss';

type Child = RouterOutputs['families']['mine']['children'][number];
type Checklist = RouterOutputs['checklists']['list'][number];

/**
 * Checklists that fit a child: university students get the university list, others PSC-17; the crisis list
 * fits all.
 */
export function fitsChild(stage: ChecklistStage, grade: string): boolean {
  if (stage === 'ANY') return true;
  return grade.startsWith('U') ? stage === 'UNIVERSITY' : stage === 'CHILD';
}

async function loadPage() {
  const me = await loadMe();
  const [consent, family, checklists, history] = await Promise.all([
    loadChecklistConsent(me.id),
    trpc.families.mine.query(),
    trpc.checklists.list.query(),
    trpc.checklists.myResponses.query(),
  ]);
  const mayConsent = family.guardians.find((g) => g.isMe)?.mayConsentForChildren ?? true;
  return {
    userId: me.id,
    consentText: consent.text,
    consent,
    mayConsent,
    children: family.children,
    checklists,
    history,
  };
}

/** 开始填写: a child, and a checklist that fits the child. */
const startForm = (checklists: Checklist[], children: Child[]) =>
  z
    .object({ childId: chosen(z.string(), '请选择孩子'), checklistId: z.string().nullable() })
    .transform(({ childId, checklistId }, ctx) => {
      const child = children.find((c) => c.id === childId);
      const fitting = checklists.find((c) => c.id === checklistId && child && fitsChild(c.stage, child.grade));
      if (!fitting) {
        ctx.issues.push({ code: 'custom', message: '请选择一份清单', path: ['checklistId'], input: checklistId });
        return z.NEVER;
      }
      return { childId, checklistId: fitting.id };
    });

function StartCard({ familyChildren: children, checklists }: { familyChildren: Child[]; checklists: Checklist[] }) {
  const form = useSchemaForm(startForm(checklists, children), {
    childId: children.length === 1 ? children[0].id : null,
    checklistId: null,
  });
  const { childId, checklistId: picked } = form.values;
  const child = children.find((c) => c.id === childId) ?? null;
  const fitting = child ? checklists.filter((c) => fitsChild(c.stage, child.grade)) : [];
  // A checklist picked for another child may not fit this one.
  const checklistId = fitting.some((c) => c.id === picked) ? picked : null;

  const start = () =>
    form.submit(async (chosenOnes) => {
      await Taro.navigateTo({ url: CHECKLIST_ROUTES.answer(chosenOnes.checklistId, chosenOnes.childId) });
    });

  if (children.length === 0) {
    return (
      <View className='cl-card'>
        <Text className='cl-card__heading'>选择孩子和清单</Text>
        <Text className='cl-card__hint'>家庭里还没有孩子的信息，请先在“我的家庭”中添加孩子。</Text>
      </View>
    );
  }

  return (
    <View className='cl-card cl-start'>
      <Text className='cl-card__heading'>选择孩子和清单</Text>
      <Text className='cl-label'>为哪个孩子填写</Text>
      <ChoiceChips
        options={children.map((c) => ({ value: c.id, label: `${c.name}（${gradeLabel(c.grade)}）` }))}
        value={childId}
        onChange={form.set('childId')}
      />
      {child ? (
        <>
          <Text className='cl-label'>选择清单</Text>
          {fitting.length === 0 ? <Text className='cl-card__hint'>暂时没有适合这个孩子的清单。</Text> : null}
          <View role='radiogroup' aria-label='选择清单'>
            {fitting.map((c) => (
              <View
                key={c.id}
                className={`cl-choice${c.id === checklistId ? ' cl-choice--selected' : ''}`}
                data-checklist-code={c.code}
                role='radio'
                aria-checked={c.id === checklistId ? 'true' : 'false'}
                {...keyboardPress()}
                onClick={() => form.set('checklistId')(c.id)}
              >
                <Text className='cl-choice__title'>{c.title}</Text>
                <Text className='cl-line cl-line--muted'>
                  适用：{CHECKLIST_STAGE_LABELS[c.stage]} · 共 {c.items.length} 题 · 约{' '}
                  {Math.max(1, Math.ceil(c.items.length / 4))} 分钟
                </Text>
              </View>
            ))}
          </View>
        </>
      ) : null}
      <FormError message={form.error} />
      <View className='cl-actions'>
        <Button type='primary' block onClick={() => void start()}>
          开始填写
        </Button>
      </View>
    </View>
  );
}

function ConsentManagement({
  userId,
  text,
  consented,
  version,
  grantedAt,
  historyCount,
  onWithdrawn,
}: {
  userId: string;
  text: ConsentText | null;
  consented: boolean;
  version: string | null;
  grantedAt: string | null;
  historyCount: number;
  onWithdrawn: () => void;
}) {
  const { busy, run } = useAction({ toast: true });
  const withdraw = async () => {
    if (busy) return;
    const { confirm } = await Taro.showModal({
      title: '撤回同意',
      content: `撤回后将不能再填写心理预警清单，已保存的 ${historyCount} 份答卷会全部删除（已经转给学校的记录也一起删除），无法恢复。确定撤回吗？`,
      confirmText: '确认撤回',
      cancelText: '取消',
    });
    if (!confirm) return;
    await run(async () => {
      const deleted = await withdrawChecklistConsent(userId);
      void Taro.showToast({ title: deleted > 0 ? `已撤回，删除 ${deleted} 份答卷` : '已撤回同意', icon: 'none' });
      onWithdrawn();
      // The history is gone with the consent.
      invalidate(remoteKeys.checklists.all);
    });
  };
  return (
    <View className='cl-card cl-consent-manage'>
      <Text className='cl-card__heading'>同意管理</Text>
      <Text className='cl-card__text'>
        {consented && text
          ? `您${grantedAt ? `已于 ${chinaTime(grantedAt).format('YYYY年M月D日')} ` : '已'}同意《${text.title}》` +
            `（版本 ${version ?? text.textVersion}）。`
          : '您目前没有同意（或已撤回）心理预警清单的单独同意。'}
      </Text>
      <Text className='cl-card__hint'>
        撤回同意后不能再填写清单；您家保存的全部答卷会被删除，已经转给学校的记录也一起删除。
      </Text>
      <View className='cl-actions'>
        <Button block fill='outline' loading={busy} onClick={() => void withdraw()}>
          撤回同意并删除已保存的答卷
        </Button>
      </View>
    </View>
  );
}

/** 心理预警清单 for a parent: the separate consent, then choose child and checklist; history; consent management. */
export function ParentChecklistsView() {
  const { state, reload } = useRemote(remoteKeys.checklists.parentPage, loadPage);
  const [consented, setConsented] = useState<boolean | null>(null);
  const { busy, error, run } = useAction();

  // Each answer from the server says again whether the parent consented (until they agree or withdraw here).
  const data = state.kind === 'ready' ? state.data : null;
  const [seen, setSeen] = useState(data);
  if (data !== seen) {
    setSeen(data);
    if (data) setConsented(data.consent.consented);
  }

  const agree = (userId: string, text: ConsentText) =>
    run(async () => {
      await grantChecklistConsent(userId, text);
      setConsented(true);
      // Read back from consents.mine (the version and time shown under 同意管理).
      reload();
    });

  return (
    <RemoteState state={state} reload={reload}>
      {(page) => {
        const agreed = consented ?? page.consent.consented;
        const history: HistoryItem[] = page.history;
        return (
          <View className='checklist-parent'>
            <View className='cl-card cl-intro'>
              <Text className='cl-intro__title'>心理预警清单</Text>
              <Text className='cl-card__text'>
                对照清单回想孩子最近的表现，帮助您及早发现心理危机的信号，并知道现在可以做什么、向谁求助。
              </Text>
              <Text className='cl-card__hint'>清单结果只是筛查参考，不是诊断。</Text>
            </View>
            {!page.consentText ? (
              <View className='cl-card'>
                <Text className='cl-card__hint'>暂时无法加载单独同意的说明，请稍后再试。</Text>
              </View>
            ) : !page.mayConsent ? (
              <View className='cl-card' role='status'>
                <Text className='cl-card__heading'>需要孩子父母的授权</Text>
                <Text className='cl-card__text'>
                  孩子的心理预警清单涉及孩子的健康信息，法律规定要由孩子的父母或其他法定监护人同意后才能填写。
                </Text>
                <Text className='cl-card__text'>
                  请孩子的爸爸或妈妈打开“我的家庭”，点“授权填写清单”；孩子父母不在身边、又没有微信的，请联系学校的家长学校负责老师确认您的监护人身份。
                </Text>
                <Text className='cl-card__hint'>
                  您现在就可以报名活动、签到、预约家访、学习课程。遇到紧急情况请直接拨打下方的求助热线。
                </Text>
              </View>
            ) : agreed ? (
              <StartCard familyChildren={page.children} checklists={page.checklists} />
            ) : (
              <>
                <ChecklistConsentCard
                  text={page.consentText}
                  busy={busy}
                  onAgree={() => void agree(page.userId, page.consentText!)}
                  onDecline={() => void Taro.navigateBack().catch(() => undefined)}
                />
                <FormError message={error} />
              </>
            )}
            <ResponseHistory items={history} />
            {agreed || history.length > 0 ? (
              <ConsentManagement
                userId={page.userId}
                text={page.consentText}
                consented={agreed}
                version={page.consent.version}
                grantedAt={page.consent.grantedAt}
                historyCount={history.length}
                onWithdrawn={() => setConsented(false)}
              />
            ) : null}
          </View>
        );
      }}
    </RemoteState>
  );
}

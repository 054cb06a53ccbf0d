import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { REFERRAL_STATUS_LABELS, parentReferralStatus, type ReferralStatus, type RiskTier } from '@shared/checklists';
import { Button } from '../../components/nutui';
import { RemoteState } from '../../components/remote-state';
import { formatDateTime } from '../../lib/china-time';
import { trpc, type RouterOutputs } from '../../lib/trpc';
import { remoteKeys } from '../../lib/remote-keys';
import { useRemote } from '../../lib/use-remote';
import { SCREENING_NOTE, TIER_EXPLANATIONS, TIER_TONES, tierLabel } from './checklist-text';
import { HotlineButtons, type Hotline } from '../../components/hotline-buttons';
import { recentResult } from './result-cache';
import { backOr, canGoBack } from '../../lib/navigation';
import { ROUTES } from '../../lib/routes';
import { ContactMobileCard } from '../contacts/contact-mobile';
import './checklists.scss';

type Answer = RouterOutputs['checklists']['getResponse']['answers'][number];

interface ResultData {
  tier: RiskTier;
  advice: string;
  hotlines: Hotline[];
  checklistTitle: string;
  childName: string;
  createdAt: string | null;
  schoolText: string;
  /** Sent to the school's counsellor and still followed up: the parent may leave a number for them. */
  referredOpen: boolean;
  answers: Answer[] | null;
}

function schoolText(
  referral: ReferralStatus | null,
  referredNow: boolean,
  shared: boolean,
  reachedAt: string | null = null,
): string {
  if (referral) return parentReferralStatus(referral, reachedAt);
  if (referredNow) return REFERRAL_STATUS_LABELS.OPEN;
  return shared
    ? '您选择了分享；本次结果未达到需要学校跟进的程度，没有发送给学校。'
    : '您选择了不分享，学校看不到这次结果。';
}

/** The result just submitted comes from memory; an older one is read (and audited) on the server. */
async function loadResult(responseId: string): Promise<ResultData> {
  const fresh = recentResult(responseId);
  if (fresh) {
    return {
      tier: fresh.tier,
      advice: fresh.advice,
      hotlines: fresh.hotlines,
      checklistTitle: fresh.checklistTitle,
      childName: fresh.childName,
      createdAt: null,
      schoolText: schoolText(null, fresh.referred, fresh.shared),
      referredOpen: fresh.referred,
      answers: null,
    };
  }
  const r = await trpc.checklists.getResponse.query({ responseId });
  return {
    tier: r.tier,
    advice: r.advice,
    hotlines: r.hotlines,
    checklistTitle: `${r.checklistTitle}（第 ${r.checklistVersion} 版）`,
    childName: r.childName,
    createdAt: r.createdAt,
    schoolText: schoolText(r.referralStatus, false, r.sharedWithSchool, r.referralReachedAt),
    referredOpen: r.referralStatus !== null && r.referralStatus !== 'CLOSED',
    answers: r.answers,
  };
}

/** A number for the counsellor who follows the shared result up (optional; the family page has the same). */
function ReferralContact() {
  const { state, reload } = useRemote(remoteKeys.familyContact, () => trpc.families.mine.query());
  return (
    <RemoteState state={state} reload={reload}>
      {(family) => (
        <ContactMobileCard
          current={family.myMobileMasked}
          lead='结果已转给学校心理健康教师，老师会尽快联系您。留一个手机号，老师更容易联系到您（可不填）。'
        />
      )}
    </RemoteState>
  );
}

function ResultBody({ data }: { data: ResultData }) {
  // Opened directly (a bookmark, a reload): nothing to go back to, so the button goes home.
  const [back] = useState(() => (canGoBack() ? '返回心理预警清单' : '返回首页'));
  const urgent = data.tier === 'URGENT';
  const paragraphs = data.advice.split('\n').filter(Boolean);
  const notes = paragraphs.filter((p) => p.startsWith('说明：'));
  const advice = paragraphs.filter((p) => !p.startsWith('说明：'));
  const hotlines = (
    <View className={`cl-card cl-hotlines-card${urgent ? ' cl-hotlines-card--urgent' : ''}`}>
      <Text className='cl-card__heading'>{urgent ? '现在就拨打求助电话' : '需要帮助时可以拨打'}</Text>
      <Text className='cl-card__hint'>
        点击号码即可拨打。12356 心理援助热线、12355 青少年服务台提供免费的心理支持；有紧急危险时请拨打 120 或 110。
      </Text>
      <HotlineButtons hotlines={data.hotlines} urgent={urgent} />
    </View>
  );
  return (
    <View className={`checklist-result checklist-result--${data.tier.toLowerCase()}`}>
      <View className={`cl-tier cl-tier--${TIER_TONES[data.tier]}`} data-tier={data.tier}>
        <Text className='cl-tier__caption'>本次结果</Text>
        <Text className='cl-tier__label'>{tierLabel(data.tier)}</Text>
        <Text className='cl-tier__text'>{TIER_EXPLANATIONS[data.tier]}</Text>
        <Text className='cl-tier__meta'>
          {data.childName} · {data.checklistTitle}
          {data.createdAt ? ` · ${formatDateTime(data.createdAt)}` : ''}
        </Text>
      </View>
      {urgent ? hotlines : null}
      <View className='cl-card cl-advice'>
        <Text className='cl-card__heading'>建议</Text>
        {advice.map((p) => (
          <Text key={p} className='cl-card__text cl-advice__para'>
            {p}
          </Text>
        ))}
      </View>
      <View className='cl-card cl-note'>
        <Text className='cl-card__heading'>筛查参考，不是诊断</Text>
        <Text className='cl-card__text'>{notes[0]?.replace(/^说明：/, '') ?? SCREENING_NOTE}</Text>
      </View>
      {urgent ? null : hotlines}
      <View className='cl-card cl-school'>
        <Text className='cl-card__heading'>学校跟进</Text>
        <Text className='cl-card__text'>{data.schoolText}</Text>
      </View>
      {data.referredOpen ? <ReferralContact /> : null}
      {data.answers ? (
        <View className='cl-card cl-answers'>
          <Text className='cl-card__heading'>您的回答</Text>
          {data.answers.map((a, i) => (
            <View key={a.itemId} className={`cl-answer${a.critical && a.answer > 0 ? ' cl-answer--critical' : ''}`}>
              <Text className='cl-answer__text'>
                {i + 1}. {a.text}
              </Text>
              <Text className='cl-answer__value'>{a.answerLabel}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <View className='cl-actions'>
        <Button block fill='outline' onClick={() => backOr(ROUTES.home)}>
          {back}
        </Button>
      </View>
    </View>
  );
}

/** The result: tier in plain Chinese, the advice, "screening aid, not a diagnosis", and tap-to-call hotlines. */
export function ResultView({ responseId }: { responseId: string }) {
  const { state, reload } = useRemote(remoteKeys.checklists.result(responseId), () => loadResult(responseId));
  return (
    <RemoteState state={state} reload={reload}>
      {(data) => <ResultBody data={data} />}
    </RemoteState>
  );
}

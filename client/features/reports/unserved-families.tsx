// 本年度尚未获得指导服务的家庭: for the coordinator (or admin) of one school or guidance station, the families
// registered there that have no guidance service this year, and one button to invite them all.
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { GRADES } from '@shared/grades';
import { FormError } from '../../components/form-field';
import { Button } from '../../components/nutui';
import { RemoteState } from '../../components/remote-state';
import { useAction } from '../../lib/use-action';
import type { Me } from '../../lib/auth-store';
import { remoteKeys } from '../../lib/remote-keys';
import { trpc, type RouterOutputs } from '../../lib/trpc';
import { useRemote } from '../../lib/use-remote';
import './reports.scss';

type Unserved = RouterOutputs['reports']['unservedFamilies'][number];

/** The server lists at most this many families (the invitation still goes to all of them). */
const LIST_CAP = 2000;
const PAGE = 30;

/** Roles that may see the named list of a site and invite its families. */
export const SITE_FOLLOW_UP_ROLES = ['COORDINATOR', 'ADMIN'] as const;

/**
 * True when one of the user's COORDINATOR/ADMIN grants is on the unit or on a unit above it
 * (`unitPath`: root … unit).
 */
export function coordinatesUnit(me: Pick<Me, 'roles'>, unitPath: readonly string[]): boolean {
  return me.roles.some(
    (g) => (SITE_FOLLOW_UP_ROLES as readonly string[]).includes(g.role) && unitPath.includes(g.orgUnitId),
  );
}

function gradeLabel(code: string): string {
  return (GRADES as readonly { code: string; label: string }[]).find((g) => g.code === code)?.label ?? code;
}

function childrenText(children: Unserved['children']): string {
  if (children.length === 0) return '（未登记孩子）';
  return children
    .map((c) => {
      const grade = gradeLabel(c.grade);
      if (!c.className) return `${grade}（未分班）`;
      return c.className.includes(grade) ? c.className : `${grade} · ${c.className}`;
    })
    .join('、');
}

/** "37 户", or "2000 户以上" when the list was cut at the cap. */
function familiesText(count: number): string {
  return count >= LIST_CAP ? `${LIST_CAP} 户以上` : `${count} 户`;
}

function RemindButton({ orgUnitId, year, count }: { orgUnitId: string; year: number; count: number }) {
  const countText = familiesText(count);
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run } = useAction();
  const [sent, setSent] = useState<RouterOutputs['reports']['remindUnserved'] | null>(null);
  const send = () =>
    run(async () => {
      setSent(await trpc.reports.remindUnserved.mutate({ orgUnitId, year }));
      setConfirming(false);
    });
  return (
    <View className='unserved-families__remind'>
      {sent !== null ? (
        <View className='unserved-families__sent' role='status'>
          <Text>{`已向 ${sent.queuedFamilies} 户家庭发送邀请（仅发送给已订阅消息的家长）`}</Text>
          {sent.smsFamilies + sent.smsFailed > 0 ? (
            <Text className='unserved-families__sms'>
              {`已向 ${sent.smsFamilies} 户尚未加入的家庭发送短信${sent.smsFailed > 0 ? `，${sent.smsFailed} 户发送失败（号码可能有误，请核对名册）` : ''}`}
            </Text>
          ) : null}
        </View>
      ) : null}
      {confirming ? (
        <View className='unserved-families__confirm'>
          <Text className='report-card__note'>
            {`将向 ${countText}家庭发送本年度指导服务活动邀请：已加入的家庭中，已订阅消息的家长会收到微信通知；名册上尚未加入、留有手机号的家庭会收到短信（每户每天最多一条）。确认发送？`}
          </Text>
          <View className='report-export__buttons'>
            <Button type='primary' loading={busy} onClick={() => void send()}>
              确认发送
            </Button>
            <Button fill='outline' onClick={() => setConfirming(false)}>
              取消
            </Button>
          </View>
        </View>
      ) : (
        <Button
          type='primary'
          disabled={count === 0}
          onClick={() => {
            setSent(null);
            setConfirming(true);
          }}
        >
          向这些家庭发送活动邀请
        </Button>
      )}
      <FormError message={error} />
    </View>
  );
}

/** The list for one school or station and year (shown only to those who coordinate it). */
export function UnservedFamilies({ orgUnitId, year }: { orgUnitId: string; year: number }) {
  const { state, reload } = useRemote(remoteKeys.reports.unserved(orgUnitId, year), () =>
    trpc.reports.unservedFamilies.query({ orgUnitId, year }),
  );
  const [shown, setShown] = useState(PAGE);
  return (
    <View className='report-card unserved-families' data-unit-id={orgUnitId} data-year={year}>
      <Text className='report-card__title'>本年度尚未获得指导服务的家庭</Text>
      <RemoteState state={state} reload={reload}>
        {(families) => (
          <View>
            <Text className='report-card__note unserved-families__count' data-count={families.length}>
              {families.length === 0
                ? `${year}年本站点登记的家庭均已获得指导服务。`
                : `${year}年尚有 ${familiesText(families.length)}家庭未参加指导服务活动或家访，请跟进邀请。`}
            </Text>
            {families.slice(0, shown).map((f) => (
              <View key={f.familyId} className='unserved-families__item' data-family-id={f.familyId}>
                <Text className='unserved-families__guardians'>
                  {f.joined
                    ? f.guardians.join('、')
                    : `名册家庭，尚未加入${f.contact ? ` · ${f.contact}` : ' · 无联系电话'}`}
                </Text>
                <Text className='unserved-families__children'>{childrenText(f.children)}</Text>
              </View>
            ))}
            {families.length > shown ? (
              <Button size='small' fill='outline' onClick={() => setShown((n) => n + PAGE)}>
                {`显示更多（还有 ${families.length - shown} 户）`}
              </Button>
            ) : null}
            {families.length > 0 ? <RemindButton orgUnitId={orgUnitId} year={year} count={families.length} /> : null}
          </View>
        )}
      </RemoteState>
    </View>
  );
}

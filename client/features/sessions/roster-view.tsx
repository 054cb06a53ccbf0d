import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ATTENDANCE_METHOD_LABELS } from '@shared/sessions';
import { gradeLabel } from '@shared/grades';
import { ChoiceChips } from '../../components/choice-chips';
import { FormError, FormField } from '../../components/form-field';
import { Button, Input } from '../../components/nutui';
import { RemoteState } from '../../components/remote-state';
import { useAction } from '../../lib/use-action';
import { errorMessage, errorReason } from '../../lib/api-error';
import { chinaTime, formatTimeRange } from '../../lib/china-time';
import { trpc, type RouterOutputs } from '../../lib/trpc';
import { remoteKeys } from '../../lib/remote-keys';
import { useRemote } from '../../lib/use-remote';
import { StatusBadge } from './session-card';
import { registrationLabel } from './session-text';
import { DESK_PAGES, proxyRegistrationGrants, rosterGrants } from '../admin/admin-grants';
import { loadMe } from '../../lib/auth-store';
import { AttendanceSheetImport } from './attendance-sheet-import';
import { RosterTicking } from './roster-ticking';
import { PrintableSignInSheet, RosterSearch, SignInSheetActions, WalkInSearch } from './roster-tools';
import './sessions.scss';

type Roster = RouterOutputs['sessions']['roster'];
type Row = Roster['rows'][number];
type Method = 'ROLL_CALL' | 'PAPER';

const METHOD_CHOICES: { value: Method; label: string }[] = [
  { value: 'ROLL_CALL', label: '现场点名' },
  { value: 'PAPER', label: '补录纸质签到表' },
];

function RosterRow({ row, busy, onToggle }: { row: Row; busy: boolean; onToggle: () => void }) {
  // The class name (三年级（1）班) already says the grade.
  const children = row.children.map((c) => `${c.name} ${c.className ?? gradeLabel(c.grade)}`).join('；');
  return (
    <View className={`roster-row${row.present ? ' roster-row--present' : ''}`} data-family-id={row.familyId}>
      <View className='roster-row__head'>
        <Text className='roster-row__guardians'>{row.guardians.join('、') || '名册家庭（未加入平台）'}</Text>
        {row.present ? <StatusBadge text='已到场' tone='ok' /> : <StatusBadge text='未到场' tone='muted' />}
      </View>
      <Text className='roster-row__line'>孩子：{children || '—'}</Text>
      <Text className='roster-row__line'>
        {row.registration ? registrationLabel(row.registration) : '未报名（现场登记）'} · {row.attendees} 人
        {row.present && row.method ? ` · ${ATTENDANCE_METHOD_LABELS[row.method]}` : ''}
        {row.present && row.checkedInAt ? ` ${chinaTime(row.checkedInAt).format('HH:mm')}` : ''}
      </Text>
      <View className='roster-row__actions'>
        <Button
          size='small'
          type={row.present ? 'default' : 'primary'}
          fill={row.present ? 'outline' : 'solid'}
          loading={busy}
          onClick={onToggle}
        >
          {row.present ? '改为未到场' : '标记到场'}
        </Button>
      </View>
    </View>
  );
}

/**
 * 报名与签到名单: children's names masked, no phone numbers. 现场点名 marks families present during the
 * session (ROLL_CALL); 补录纸质签到表 enters a paper sheet afterwards (PAPER).
 */
export function RosterView({ sessionId }: { sessionId: string }) {
  const { state, reload, setData } = useRemote(remoteKeys.sessions.roster(sessionId), async () => {
    const [detail, roster, me] = await Promise.all([
      trpc.sessions.get.query({ sessionId }),
      trpc.sessions.roster.query({ sessionId }),
      loadMe(),
    ]);
    // Coordinators (and admins) keep the class rosters; teachers take the roll of the registered families only.
    // Coordinators may register a household on its behalf while the session is published and not over.
    const canRegister =
      proxyRegistrationGrants(me).length > 0 && detail.status === 'PUBLISHED' && Date.parse(detail.endsAt) > Date.now();
    return { detail, roster, keepsRosters: rosterGrants(me).length > 0, canRegister };
  });
  const [method, setMethod] = useState<Method>('ROLL_CALL');
  const { busyKey: busyFamily, error, run } = useAction();

  // A year already signed off: the change is a correction, made with its reason (kept as a revision).
  const [correction, setCorrection] = useState<{ familyId: string; present: boolean; message: string } | null>(null);
  const [reason, setReason] = useState('');
  const [query, setQuery] = useState('');

  /** Marks a household present or not; false when the year is signed off and a reason is asked for first. */
  const mark = async (familyId: string, present: boolean, correctionReason?: string): Promise<boolean> => {
    if (state.kind !== 'ready') return false;
    const { data } = state;
    try {
      await trpc.sessions.markAttendance.mutate({
        sessionId,
        familyId,
        present,
        method,
        ...(correctionReason ? { correctionReason } : {}),
      });
    } catch (e) {
      if (errorReason(e) !== 'SIGNED_OFF') throw e;
      setCorrection({ familyId, present, message: errorMessage(e) });
      return false;
    }
    setCorrection(null);
    setReason('');
    const roster = await trpc.sessions.roster.query({ sessionId, ...(query ? { q: query } : {}) });
    setData({ ...data, roster });
    return true;
  };

  const toggle = (row: Row) => run(async () => void (await mark(row.familyId, !row.present)), row.familyId);

  const search = async (q: string) => {
    if (state.kind !== 'ready') return;
    const { data } = state;
    const roster = await trpc.sessions.roster.query({ sessionId, ...(q ? { q } : {}) });
    setQuery(q);
    setData({ ...data, roster });
  };

  return (
    <RemoteState state={state} reload={reload}>
      {({ detail, roster, keepsRosters, canRegister }) => (
        <View className='roster'>
          <View className='detail-card'>
            <Text className='detail-card__heading'>{detail.title}</Text>
            <Text className='detail-card__line'>{formatTimeRange(detail.startsAt, detail.endsAt)}</Text>
          </View>
          <View className='roster__summary' data-testid='attendance-summary'>
            <Text>
              报名 {roster.summary.confirmed} 户 / 到场 {roster.summary.present} 户 / 到场{' '}
              {roster.summary.presentPeople} 人
              {roster.summary.waitlisted > 0 ? ` · 候补 ${roster.summary.waitlisted} 户` : ''}
            </Text>
          </View>
          <ChoiceChips options={METHOD_CHOICES} value={method} onChange={setMethod} />
          <Text className='detail-card__hint'>
            {method === 'ROLL_CALL'
              ? '活动现场逐户点名，点“标记到场”。'
              : '活动结束后按纸质签到表逐户补录，记为“纸质签到表补录”。'}
          </Text>
          <FormError message={error} />
          {correction ? (
            <View className='detail-card roster-correction' role='group' aria-label='更正已签报的数据'>
              <Text className='detail-card__hint'>{correction.message}</Text>
              <FormField label='更正原因'>
                <Input
                  name='correctionReason'
                  placeholder='如：核对纸质签到表，该家庭当天未到场'
                  value={reason}
                  onChange={setReason}
                  maxLength={200}
                />
              </FormField>
              <Button
                type='primary'
                disabled={reason.trim() === ''}
                loading={busyFamily === correction.familyId}
                onClick={() =>
                  void run(
                    async () => void (await mark(correction.familyId, correction.present, reason.trim())),
                    correction.familyId,
                  )
                }
              >
                填写原因并更正
              </Button>
            </View>
          ) : null}
          <RosterSearch onSearch={search} />
          {roster.rows.length === 0 ? (
            <Text className='session-list__empty'>{query ? '名单中没有符合的家庭。' : '还没有家庭报名。'}</Text>
          ) : null}
          {roster.rows.map((row) => (
            <RosterRow
              key={row.familyId}
              row={row}
              busy={busyFamily === row.familyId}
              onToggle={() => void toggle(row)}
            />
          ))}
          <Button block fill='outline' onClick={reload}>
            刷新名单
          </Button>
          <SignInSheetActions sessionId={sessionId} canExport={keepsRosters} />
          {keepsRosters ? <WalkInSearch sessionId={sessionId} mark={(familyId) => mark(familyId, true)} /> : null}
          {DESK_PAGES ? (
            <>
              {keepsRosters ? (
                <RosterTicking
                  sessionId={sessionId}
                  schoolId={detail.orgUnitId}
                  presentFamilies={roster.rows.filter((r) => r.present).map((r) => r.familyId)}
                  registeredFamilies={
                    new Map(
                      roster.rows.flatMap((r) =>
                        r.registration && r.registration !== 'CANCELLED'
                          ? [[r.familyId, registrationLabel(r.registration)] as const]
                          : [],
                      ),
                    )
                  }
                  canRegister={canRegister}
                />
              ) : null}
              <AttendanceSheetImport sessionId={sessionId} />
              <PrintableSignInSheet
                title={detail.title}
                startsAt={detail.startsAt}
                endsAt={detail.endsAt}
                rows={roster.rows}
              />
            </>
          ) : null}
        </View>
      )}
    </RemoteState>
  );
}

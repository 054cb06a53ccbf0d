import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import {
  SESSION_KINDS,
  SESSION_KIND_LABELS,
  SESSION_STATUSES,
  SESSION_STATUS_LABELS,
  type SessionKind,
} from '@shared/sessions';
import { ChoiceChips } from '../../components/choice-chips';
import { chinaDayAfter, chinaDayStart } from '@shared/china-time';
import { ROLE_LABELS, type Role } from '@shared/enums';
import { FormError, FormField } from '../../components/form-field';
import { Button, Input } from '../../components/nutui';
import type { RouterInputs } from '../../lib/trpc';
import { MyUnitView } from '../../components/my-unit-view';
import { RemoteState } from '../../components/remote-state';
import { ROUTES } from '../../lib/routes';
import { SessionCard, StatusBadge } from './session-card';
import { sessionStatusLabel } from './session-text';
import { canManageSessions, sessionGrants, type StaffGrant } from './staff-units';
import { usePagedSessions } from './use-paged-sessions';
import './sessions.scss';

type ListQuery = Omit<Exclude<RouterInputs['sessions']['list'], void | undefined>, 'cursor'>;
type SessionStatus = (typeof SESSION_STATUSES)[number];

type Period = 'RECENT' | 'ALL' | 'RANGE';
const PERIOD_CHOICES: { value: Period; label: string }[] = [
  { value: 'RECENT', label: '近期（含 30 天内）' },
  { value: 'ALL', label: '全部（最新在前）' },
  { value: 'RANGE', label: '按日期查找' },
];
const KIND_CHOICES: { value: SessionKind | 'ANY'; label: string }[] = [
  { value: 'ANY', label: '全部类型' },
  ...SESSION_KINDS.map((value) => ({ value, label: SESSION_KIND_LABELS[value] })),
];
const STATUS_CHOICES: { value: SessionStatus | 'ANY'; label: string }[] = [
  { value: 'ANY', label: '全部状态' },
  ...SESSION_STATUSES.map((value) => ({ value, label: SESSION_STATUS_LABELS[value] })),
];
const DAY = /^\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?\s*$/;

/** "2026-9-1" → "2026-09-01", or null. */
function dayOf(text: string): string | null {
  const m = DAY.exec(text);
  if (!m) return null;
  return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
}

interface Filters {
  period: Period;
  fromDay: string;
  toDay: string;
  kind: SessionKind | 'ANY';
  status: SessionStatus | 'ANY';
  q: string;
}

const RECENT: Filters = { period: 'RECENT', fromDay: '', toDay: '', kind: 'ANY', status: 'ANY', q: '' };

/** The filters as sessions.list's input; a message when a date is not a date. */
function queryOf(orgUnitId: string, f: Filters): { query: ListQuery; problem: string | null } {
  const query: ListQuery = { orgUnitId };
  let problem: string | null = null;
  if (f.kind !== 'ANY') query.kind = f.kind;
  if (f.status !== 'ANY') query.status = f.status;
  if (f.q.trim()) query.q = f.q.trim();
  if (f.period === 'RECENT') {
    // The last 30 days too: rosters and paper sign-in sheets are completed after the event.
    query.from = chinaDayStart(chinaDayAfter(new Date(), -30)).toISOString();
  } else {
    query.newestFirst = true;
    if (f.period === 'RANGE') {
      const from = f.fromDay.trim() ? dayOf(f.fromDay) : null;
      const to = f.toDay.trim() ? dayOf(f.toDay) : null;
      if ((f.fromDay.trim() && !from) || (f.toDay.trim() && !to)) problem = '日期请按“2026-09-01”填写';
      if (from) query.from = chinaDayStart(from).toISOString();
      if (to) query.to = chinaDayStart(chinaDayAfter(chinaDayStart(to), 1)).toISOString();
    }
  }
  return { query, problem };
}

/** 查找活动: when, which kind, which status, words of the title. Applied with 查找. */
function SessionFilters({ value, onApply }: { value: Filters; onApply: (f: Filters) => void }) {
  const [f, setF] = useState(value);
  const set =
    <K extends keyof Filters>(key: K) =>
    (v: Filters[K]) =>
      setF((old) => ({ ...old, [key]: v }));
  return (
    <View className='detail-card session-filters' role='search' aria-label='查找活动'>
      <ChoiceChips options={PERIOD_CHOICES} value={f.period} onChange={set('period')} />
      {f.period === 'RANGE' ? (
        <>
          <FormField label='开始日期（如 2026-09-01）'>
            <Input name='fromDay' placeholder='2026-09-01' value={f.fromDay} onChange={set('fromDay')} maxLength={12} />
          </FormField>
          <FormField label='结束日期（含当天）'>
            <Input name='toDay' placeholder='2026-12-31' value={f.toDay} onChange={set('toDay')} maxLength={12} />
          </FormField>
        </>
      ) : null}
      <ChoiceChips options={KIND_CHOICES} value={f.kind} onChange={set('kind')} />
      <ChoiceChips options={STATUS_CHOICES} value={f.status} onChange={set('status')} />
      <FormField label='活动名称'>
        <Input name='q' placeholder='输入活动名称中的字词' value={f.q} onChange={set('q')} maxLength={60} clearable />
      </FormField>
      <View className='session-card__actions'>
        <Button size='small' type='primary' onClick={() => onApply(f)}>
          查找
        </Button>
        <Button
          size='small'
          fill='outline'
          onClick={() => {
            setF(RECENT);
            onApply(RECENT);
          }}
        >
          清除条件
        </Button>
      </View>
    </View>
  );
}

function UnitSessions({ grant }: { grant: StaffGrant }) {
  const manager = canManageSessions(grant);
  const [filters, setFilters] = useState<Filters>(RECENT);
  const { query, problem } = queryOf(grant.orgUnitId, filters);
  return (
    <View className='session-list'>
      {manager ? (
        <View className='staff-toolbar'>
          <Button type='primary' block onClick={() => void Taro.navigateTo({ url: ROUTES.sessionEdit() })}>
            新建活动
          </Button>
        </View>
      ) : null}
      <SessionFilters value={filters} onApply={setFilters} />
      <FormError message={problem} />
      <SessionPages query={query} manager={manager} filtered={filters !== RECENT} />
    </View>
  );
}

function SessionPages({ query, manager, filtered }: { query: ListQuery; manager: boolean; filtered: boolean }) {
  const { state, reload, loadMore, loadingMore, moreError } = usePagedSessions(query);
  const go = (url: string) => (e?: { stopPropagation?: () => void }) => {
    e?.stopPropagation?.();
    void Taro.navigateTo({ url });
  };
  return (
    <View className='session-list'>
      <RemoteState state={state} reload={reload}>
        {(page) => (
          <View className='session-list'>
            {page.items.length === 0 ? (
              <Text className='session-list__empty'>
                {filtered
                  ? '没有符合条件的活动。'
                  : `还没有活动。${manager ? '点击“新建活动”开设家长学校课程、讲座或指导服务。' : ''}`}
              </Text>
            ) : null}
            {page.items.map((item) => (
              <SessionCard
                key={item.id}
                session={item}
                badge={
                  <StatusBadge
                    text={sessionStatusLabel(item.status)}
                    tone={item.status === 'PUBLISHED' ? 'ok' : item.status === 'DRAFT' ? 'warn' : 'muted'}
                  />
                }
              >
                <View className='session-card__actions'>
                  {manager ? (
                    <Button size='small' fill='outline' onClick={go(ROUTES.sessionEdit(item.id))}>
                      编辑
                    </Button>
                  ) : null}
                  {item.status === 'PUBLISHED' ? (
                    <Button size='small' type='primary' onClick={go(ROUTES.sessionLive(item.id))}>
                      现场签到
                    </Button>
                  ) : null}
                  <Button size='small' fill='outline' onClick={go(ROUTES.roster(item.id))}>
                    名单
                  </Button>
                </View>
              </SessionCard>
            ))}
            {page.nextCursor ? (
              <Button block fill='outline' loading={loadingMore} onClick={loadMore}>
                加载更多
              </Button>
            ) : null}
            <FormError message={moreError} />
          </View>
        )}
      </RemoteState>
    </View>
  );
}

/** 活动管理: the sessions of my unit (or, holding several, the unit I pick). */
export function StaffSessionList() {
  return (
    <MyUnitView
      unitsOf={sessionGrants}
      emptyText='你的角色无权管理活动。'
      keyOf={(g) => `${g.role}:${g.orgUnitId}`}
      labelOf={(g) => `${g.orgUnitName}（${ROLE_LABELS[g.role as Role] ?? g.role}）`}
      className='session-list'
    >
      {(grant) => <UnitSessions grant={grant} />}
    </MyUnitView>
  );
}

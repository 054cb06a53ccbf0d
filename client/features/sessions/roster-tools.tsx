// The coordinator's tools on the roster: 查找 (by the child's name or class), 补录未报名的家庭 (a household of
// the school that came without registering, found by the child's name and marked present), and the door's
// 签到表 — as Excel, or printed from the browser (window.print with the print stylesheet in sessions.scss).
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { gradeLabel } from '@shared/grades';
import { FormError, FormField } from '../../components/form-field';
import { Button, Input } from '../../components/nutui';
import { formatTimeRange } from '../../lib/china-time';
import { trpc, type RouterOutputs } from '../../lib/trpc';
import { useAction } from '../../lib/use-action';
import { saveXlsx } from '../reports/export-report';
import { StatusBadge } from './session-card';
import { registrationLabel } from './session-text';

type Roster = RouterOutputs['sessions']['roster'];
type Candidate = RouterOutputs['sessions']['walkInCandidates']['items'][number];

const childrenText = (children: { name: string; grade: string; className: string | null }[]) =>
  children.map((c) => `${c.name} ${c.className ?? gradeLabel(c.grade)}`).join('；');

/** 查找: the roster narrowed to the households whose child's name, class or guardian holds the words. */
export function RosterSearch({ onSearch }: { onSearch: (q: string) => Promise<void> }) {
  const [q, setQ] = useState('');
  const { busy, error, run } = useAction();
  return (
    <View className='roster-search' role='search' aria-label='查找名单中的家庭'>
      <FormField label='查找（孩子姓名、班级或家长）'>
        <Input
          name='rosterQuery'
          placeholder='如：雨桐、四年级（2）班'
          value={q}
          onChange={setQ}
          maxLength={30}
          clearable
        />
      </FormField>
      <View className='session-card__actions'>
        <Button size='small' type='primary' loading={busy} onClick={() => void run(() => onSearch(q.trim()))}>
          查找
        </Button>
        <Button
          size='small'
          fill='outline'
          onClick={() => {
            setQ('');
            void run(() => onSearch(''));
          }}
        >
          显示全部
        </Button>
      </View>
      <FormError message={error} />
    </View>
  );
}

/**
 * 补录未报名的家庭: the school's households (on the class roster, or joined in the app) by the child's name or
 * class; 标记到场 marks the one that came. The roll call's own rules apply (its time window, a signed-off
 * year's correction reason): `mark` is the roster's.
 */
export function WalkInSearch({ sessionId, mark }: { sessionId: string; mark: (familyId: string) => Promise<boolean> }) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<{ items: Candidate[]; more: boolean } | null>(null);
  const { busyKey, error, run } = useAction();
  const search = () =>
    run(async () => {
      setFound(await trpc.sessions.walkInCandidates.query({ sessionId, q: q.trim() }));
    }, 'search');
  return (
    <View className='detail-card walk-in-search' role='group' aria-label='补录未报名的家庭'>
      <Text className='detail-card__heading'>补录未报名的家庭</Text>
      <Text className='detail-card__hint'>
        没有报名的本校家庭来了（名册上的，或已加入平台的），输入孩子姓名或班级查找，点“标记到场”。
      </Text>
      <FormField label='孩子姓名或班级'>
        <Input name='walkInQuery' placeholder='如：王小明' value={q} onChange={setQ} maxLength={30} clearable />
      </FormField>
      <Button size='small' type='primary' loading={busyKey === 'search'} onClick={() => void search()}>
        查找家庭
      </Button>
      <FormError message={error} />
      {found && found.items.length === 0 ? <Text className='detail-card__hint'>没有找到，请换个写法再试。</Text> : null}
      {found?.items.map((f) => (
        <View key={f.familyId} className='roster-row' data-walk-in-family-id={f.familyId}>
          <View className='roster-row__head'>
            <Text className='roster-row__guardians'>{childrenText(f.children) || '—'}</Text>
            {f.present ? <StatusBadge text='已到场' tone='ok' /> : null}
          </View>
          <Text className='roster-row__line'>
            {f.guardians.length ? `家长：${f.guardians.join('、')}` : '名册家庭（未加入平台）'}
            {f.registration ? ` · ${registrationLabel(f.registration)}` : ' · 未报名'}
          </Text>
          {f.present ? null : (
            <View className='roster-row__actions'>
              <Button
                size='small'
                type='primary'
                loading={busyKey === f.familyId}
                onClick={() =>
                  void run(async () => {
                    if (await mark(f.familyId))
                      setFound((old) =>
                        old
                          ? {
                              ...old,
                              items: old.items.map((i) => (i.familyId === f.familyId ? { ...i, present: true } : i)),
                            }
                          : old,
                      );
                  }, f.familyId)
                }
              >
                标记到场
              </Button>
            </View>
          )}
        </View>
      ))}
      {found?.more ? <Text className='detail-card__hint'>只显示前 20 户，请输入更完整的姓名。</Text> : null}
    </View>
  );
}

/** 签到表 for the door: 导出 Excel (the school's children by full name), or 打印 on the web (as the roster shows). */
export function SignInSheetActions({ sessionId, canExport }: { sessionId: string; canExport: boolean }) {
  const { busy, error, run } = useAction();
  return (
    <View className='session-card__actions sign-in-actions'>
      {canExport ? (
        <Button
          size='small'
          fill='outline'
          loading={busy}
          onClick={() => void run(async () => saveXlsx(await trpc.sessions.signInSheet.query({ sessionId })))}
        >
          导出签到表（Excel）
        </Button>
      ) : null}
      {process.env.TARO_ENV === 'h5' ? (
        <Button size='small' fill='outline' onClick={() => window.print()}>
          打印签到表
        </Button>
      ) : null}
      <FormError message={error} />
    </View>
  );
}

/** What 打印签到表 prints (hidden on screen): 序号, 年级班级, 学生姓名, 家长签名 left blank, and empty lines. */
export function PrintableSignInSheet({
  title,
  startsAt,
  endsAt,
  rows,
}: {
  title: string;
  startsAt: string;
  endsAt: string;
  rows: Roster['rows'];
}) {
  const listed = rows.filter((r) => r.registration !== 'CANCELLED');
  const blanks = Array.from({ length: 10 }, (_, i) => listed.length + i + 1);
  return (
    <View className='sign-in-print' aria-hidden='true'>
      <Text className='sign-in-print__title'>{title}　签到表</Text>
      <Text className='sign-in-print__line'>{formatTimeRange(startsAt, endsAt)}</Text>
      <table className='sign-in-print__table'>
        <thead>
          <tr>
            <th>序号</th>
            <th>年级班级</th>
            <th>学生姓名</th>
            <th>家长签名</th>
          </tr>
        </thead>
        <tbody>
          {listed.map((r, i) => (
            <tr key={r.familyId}>
              <td>{i + 1}</td>
              <td>{[...new Set(r.children.map((c) => c.className ?? gradeLabel(c.grade)))].join('、')}</td>
              <td>{r.children.map((c) => c.name).join('、')}</td>
              <td />
            </tr>
          ))}
          {blanks.map((n) => (
            <tr key={`blank-${n}`}>
              <td>{n}</td>
              <td />
              <td />
              <td />
            </tr>
          ))}
        </tbody>
      </table>
    </View>
  );
}

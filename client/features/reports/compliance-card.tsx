// 政策目标达标情况: each policy target with the units meeting it (green 已达标 / red 未达标, in words as well as
// colour), served households and person-times side by side, and the gap list naming every school and site
// below a target with what it still needs. Targets come from the server's table (a province ADMIN edits them).
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { targetText, type TargetKey } from '@shared/targets';
import { ChoiceChips } from '../../components/choice-chips';
import { RemoteState } from '../../components/remote-state';
import { remoteKeys } from '../../lib/remote-keys';
import { trpc, type RouterOutputs } from '../../lib/trpc';
import { useRemote } from '../../lib/use-remote';
import { countText, percentText } from './report-text';

type Compliance = RouterOutputs['reports']['compliance'];

/** The two semesters that touch a calendar year: its spring one, and the autumn one it starts. */
export function semestersOf(year: number) {
  return [
    { value: `${year}-02`, label: `${year}年春季学期` },
    { value: `${year}-09`, label: `${year}年秋季学期` },
  ];
}

interface Tile {
  key: TargetKey | 'SERVED';
  title: string;
  value: string;
  detail: string;
  /** null: nothing to measure (no school, no site): shown as "—", neither red nor green. */
  met: boolean | null;
}

function tiles(c: Compliance): Tile[] {
  const t = c.total;
  const goal = (k: TargetKey) => targetText(k, c.targets[k]);
  const ratio = (a: number, b: number) => (b === 0 ? '—' : `${a}/${b}`);
  return [
    {
      key: 'SCHOOL_SEMESTER_ACTIVITIES',
      title: `学校每学期至少 ${goal('SCHOOL_SEMESTER_ACTIVITIES')} 场指导活动`,
      value: ratio(t.schoolsMeetingSemesterTarget, t.schools),
      detail: '达标学校 / 学校总数',
      met: t.schools === 0 ? null : t.schoolsMeetingSemesterTarget === t.schools,
    },
    {
      key: 'SITE_YEAR_ACTIVITIES',
      title: `社区家长学校每年至少 ${goal('SITE_YEAR_ACTIVITIES')} 场公益活动`,
      value: ratio(t.sitesMeetingYearTarget, t.sites),
      detail: '达标站点 / 站点总数',
      met: t.sites === 0 ? null : t.sitesMeetingYearTarget === t.sites,
    },
    {
      key: 'ACTIVE_SITE_SHARE',
      title: `开展心理健康教育的站点占比（目标 ${goal('ACTIVE_SITE_SHARE')}）`,
      value: t.activeSiteShare === null ? '—' : percentText(t.activeSiteShare),
      detail: `${t.activeGuidanceSites}/${t.sites} 个站点`,
      met: t.activeSiteShare === null ? null : t.activeSiteShare >= c.targets.ACTIVE_SITE_SHARE,
    },
    {
      key: 'PARTICIPATION_RATE',
      title: `家长参与率达到 ${goal('PARTICIPATION_RATE')} 的学校`,
      value: ratio(t.schoolsMeetingParticipationTarget, t.participationSchools),
      detail: '本学期本校家庭到场户数 ÷ 本校家庭数',
      met: t.participationSchools === 0 ? null : t.schoolsMeetingParticipationTarget === t.participationSchools,
    },
    {
      key: 'SPECIAL_GROUP_SEMESTER_VISITS',
      title: '特殊群体学生家庭本学期已家访',
      value:
        t.specialGroupFamilies === 0 ? '—' : `${countText(t.specialGroupVisited)}/${countText(t.specialGroupFamilies)}`,
      detail: '留守、流动、孤儿、事实无人抚养、单亲、残疾（户）',
      met:
        t.specialGroupFamilies === 0 || t.specialGroupFamilies === null || t.specialGroupVisited === null
          ? null
          : t.specialGroupVisited >= t.specialGroupFamilies,
    },
    {
      key: 'SERVED',
      title: '本年服务户数与服务人次',
      value: `${countText(t.servedFamilies)} 户 / ${countText(t.servicePersonTimes)} 人次`,
      detail: '一户只计一次；人次按每次心理健康活动到场和每次完成家访计',
      met: null,
    },
  ];
}

function TargetTiles({ data }: { data: Compliance }) {
  return (
    <View className='compliance__tiles'>
      {tiles(data).map((tile) => (
        <View
          key={tile.key}
          className={`compliance-tile${tile.met === null ? '' : tile.met ? ' compliance-tile--met' : ' compliance-tile--below'}`}
          data-target={tile.key}
        >
          <Text className='compliance-tile__title'>{tile.title}</Text>
          <Text className='compliance-tile__value'>{tile.value}</Text>
          <Text className='compliance-tile__detail'>{tile.detail}</Text>
          {tile.met === null ? null : (
            <Text className='compliance-tile__status'>{tile.met ? '✓ 已达标' : '✗ 未达标'}</Text>
          )}
        </View>
      ))}
    </View>
  );
}

function GapList({ data }: { data: Compliance }) {
  const { units, total } = data.gaps;
  return (
    <View className='compliance__gaps'>
      <Text className='report-card__subtitle'>
        {total === 0 ? '各学校、站点均已达标' : `未达标的学校和站点（${total} 个）`}
      </Text>
      {units.map((u) => (
        <View key={u.orgUnitId} className='gap-unit' data-unit-id={u.orgUnitId}>
          <View className='gap-unit__head'>
            <Text className='gap-unit__name'>{u.name}</Text>
            {u.parentName ? <Text className='gap-unit__parent'>{u.parentName}</Text> : null}
          </View>
          {u.shortfalls.map((s) => (
            <Text key={s.target} className='gap-unit__need'>
              {s.text}
            </Text>
          ))}
        </View>
      ))}
      {units.length < total ? (
        <Text className='report-card__note'>{`只列出前 ${units.length} 个；请进入下一级查看其余单位。`}</Text>
      ) : null}
    </View>
  );
}

export function ComplianceCard({ orgUnitId, year }: { orgUnitId: string; year: number }) {
  const semesters = semestersOf(year);
  // The semester in progress if it belongs to the year, else the autumn one.
  const [semester, setSemester] = useState(semesters[1].value);
  const input = { orgUnitId, year, semester };
  const remote = useRemote(remoteKeys.reports.compliance(input), () => trpc.reports.compliance.query(input), {
    keepPrevious: true,
  });
  return (
    <View className='report-card compliance' role='region' aria-label='政策目标达标情况'>
      <Text className='report-card__title'>政策目标达标情况</Text>
      <ChoiceChips options={semesters} value={semester} onChange={setSemester} />
      <RemoteState state={remote.state} reload={remote.reload}>
        {(data) => (
          <View>
            <TargetTiles data={data} />
            <GapList data={data} />
            <Text className='report-card__note'>
              活动场次按已发布、未取消、在该学期（学校）或该年度（站点）开始的活动计；家长参与率、家访只计已发生的。
            </Text>
          </View>
        )}
      </RemoteState>
    </View>
  );
}

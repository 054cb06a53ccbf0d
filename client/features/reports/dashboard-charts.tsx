// The dashboard's charts (AntV F2), each with its figures listed underneath for screen readers and for
// reading exact numbers.
import { WITHHELD_TEXT } from '@shared/privacy';
import { Text, View } from '@tarojs/components';
import { Axis, Chart, Interval, Legend, jsx } from '@antv/f2';
import type { ReactNode } from 'react';
import type { RouterOutputs } from '../../lib/trpc';
import { BRAND_COLOR, INFO_COLOR, SUCCESS_COLOR, TEXT_MUTED_COLOR } from '../../styles/tokens';
import { F2Chart } from './f2-chart';
import {
  countText,
  percentText,
  SESSION_KIND_SHORT,
  sessionKindLabel,
  TIER_SHORT,
  tierLabel,
  visitModeLabel,
  WITHHELD_NOTE,
} from './report-text';

type Dashboard = RouterOutputs['reports']['dashboard'];

// F2 builds its own element tree (not React's): plain calls, no JSX pragma juggling.
const f2 = jsx as unknown as (type: unknown, props: Record<string, unknown>) => unknown;

const SERIES_COLORS = [BRAND_COLOR, INFO_COLOR, SUCCESS_COLOR];
// 28 design px: 14 CSS px on the web, as large as the table text under the chart (22 came out 11 px).
const AXIS_LABEL = { fontSize: '28px', fill: TEXT_MUTED_COLOR };

interface Bar {
  label: string;
  value: number;
}

function barChart(data: Bar[], color: string, transposed: boolean) {
  return () =>
    f2(Chart, {
      data,
      coord: transposed ? { transposed: true } : undefined,
      scale: { value: { min: 0, nice: true, tickCount: 4 } },
      children: [
        f2(Axis, { field: 'label', style: { label: AXIS_LABEL } }),
        f2(Axis, { field: 'value', style: { label: AXIS_LABEL } }),
        f2(Interval, { x: 'label', y: 'value', color }),
      ],
    });
}

function DataList({ items }: { items: { label: string; value: string }[] }) {
  return (
    <View className='chart-data'>
      {items.map((item) => (
        <View key={item.label} className='chart-data__item'>
          <Text className='chart-data__label'>{item.label}</Text>
          <Text className='chart-data__value'>{item.value}</Text>
        </View>
      ))}
    </View>
  );
}

function ChartCard({ title, note, children }: { title: string; note?: string; children: ReactNode }) {
  return (
    <View className='report-card chart-card'>
      <Text className='report-card__title'>{title}</Text>
      {note ? <Text className='report-card__note'>{note}</Text> : null}
      {children}
    </View>
  );
}

export function MonthlyChart({ data, dataKey }: { data: Dashboard; dataKey: string }) {
  const series = [
    { key: 'newlyServed', name: '新获指导家庭' },
    { key: 'attendances', name: '活动到场（户次）' },
    { key: 'visits', name: '完成家访' },
  ] as const;
  // Withheld months are left out of the drawing; a series with one withheld has no yearly sum to show.
  const rows = data.monthly.flatMap((m) =>
    series.flatMap((s) => {
      const value = m[s.key];
      return value === null ? [] : [{ month: `${m.month}月`, series: s.name, value }];
    }),
  );
  const totals = series.map((s) => {
    const values = data.monthly.map((m) => m[s.key]);
    return {
      label: `全年${s.name}`,
      value: values.includes(null) ? WITHHELD_TEXT : String(values.reduce<number>((sum, v) => sum + (v ?? 0), 0)),
    };
  });
  return (
    <ChartCard title={`${data.year}年月度走势`}>
      <F2Chart
        dataKey={`monthly-${dataKey}`}
        height={220}
        label={`${data.year}年每月新获指导家庭、活动到场户次和完成家访数`}
        chart={() =>
          f2(Chart, {
            data: rows,
            scale: { value: { min: 0, nice: true, tickCount: 4 } },
            children: [
              f2(Axis, { field: 'month', style: { label: AXIS_LABEL } }),
              f2(Axis, { field: 'value', style: { label: AXIS_LABEL } }),
              f2(Interval, {
                x: 'month',
                y: 'value',
                color: { field: 'series', range: SERIES_COLORS },
                adjust: 'dodge',
              }),
              f2(Legend, { position: 'top' }),
            ],
          })
        }
      >
        <DataList items={totals} />
      </F2Chart>
    </ChartCard>
  );
}

export function SessionsByKindChart({ data, dataKey }: { data: Dashboard; dataKey: string }) {
  if (data.sessionsByKind.length === 0) {
    return (
      <ChartCard title='活动场次（按类型）'>
        <Text className='report-empty'>本年度暂无活动。</Text>
      </ChartCard>
    );
  }
  const bars = data.sessionsByKind.map((k) => ({ label: SESSION_KIND_SHORT[k.kind] ?? k.kind, value: k.sessions }));
  return (
    <ChartCard title='活动场次（按类型）' note='未取消的活动；其中心理健康类另行列出'>
      <F2Chart
        dataKey={`kinds-${dataKey}`}
        height={Math.max(120, bars.length * 44)}
        label='本年度各类型活动场次'
        chart={barChart(bars, SERIES_COLORS[0], true)}
      >
        <DataList
          items={data.sessionsByKind.map((k) => ({
            label: sessionKindLabel(k.kind),
            value: `${k.sessions} 场（心理健康 ${k.mentalHealth} 场）`,
          }))}
        />
      </F2Chart>
    </ChartCard>
  );
}

export function VisitsByModeChart({ data, dataKey }: { data: Dashboard; dataKey: string }) {
  if (data.homeVisitsByMode.every((m) => m.visits === 0)) {
    return (
      <ChartCard title='完成家访（按方式）'>
        <Text className='report-empty'>本年度暂无完成的家访。</Text>
      </ChartCard>
    );
  }
  const bars = data.homeVisitsByMode.flatMap((m) =>
    m.visits === null ? [] : [{ label: visitModeLabel(m.mode), value: m.visits }],
  );
  return (
    <ChartCard title='完成家访（按方式）'>
      <F2Chart
        dataKey={`modes-${dataKey}`}
        height={Math.max(120, bars.length * 44)}
        label='本年度按方式统计的完成家访数'
        chart={barChart(bars, SERIES_COLORS[1], true)}
      >
        <DataList
          items={data.homeVisitsByMode.map((m) => ({
            label: visitModeLabel(m.mode),
            value: m.visits === null ? WITHHELD_TEXT : `${m.visits} 次`,
          }))}
        />
      </F2Chart>
    </ChartCard>
  );
}

export function ChecklistTiersChart({ data, dataKey }: { data: Dashboard; dataKey: string }) {
  // Withheld cells are left out of the drawing and listed as "不公开".
  const bars = data.checklistTiers.flatMap((t) =>
    t.responses === null ? [] : [{ label: TIER_SHORT[t.tier] ?? t.tier, value: t.responses }],
  );
  return (
    <ChartCard title='心理预警清单结果（分级汇总）' note={WITHHELD_NOTE}>
      <F2Chart
        dataKey={`tiers-${dataKey}`}
        height={160}
        label='本年度预警清单各分级的填写数'
        chart={barChart(bars, SERIES_COLORS[2], true)}
      >
        <DataList
          items={data.checklistTiers.map((t) => ({ label: tierLabel(t.tier), value: countText(t.responses) }))}
        />
      </F2Chart>
    </ChartCard>
  );
}

/** 站点开展率 against the 60% target: a bar with the target marked (plain views, readable as text). */
export function SiteShareBar({ data }: { data: Dashboard }) {
  const { sites, active, share, target } = data.guidanceSites;
  const reached = sites > 0 && share >= target;
  return (
    <View
      className='site-share'
      role='group'
      aria-label={`站点开展率 ${percentText(share)}，目标 ${percentText(target)}`}
    >
      <View className='site-share__track'>
        <View
          className={`site-share__fill${reached ? ' site-share__fill--ok' : ''}`}
          style={{ width: `${Math.min(100, share * 100)}%` }}
        />
        <View className='site-share__target' style={{ left: `${target * 100}%` }} />
      </View>
      <Text className='site-share__text'>
        {sites === 0
          ? '本范围内暂无家庭教育指导服务站点'
          : `${active} / ${sites} 个站点开展了心理健康教育，${reached ? '已达到' : '未达到'}目标 ${percentText(target)}`}
      </Text>
    </View>
  );
}

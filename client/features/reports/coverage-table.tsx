// The drill-down table: one row per unit one level down. Tapping a region goes one level further;
// schools and guidance stations are the last level. Cells withheld by the server read "不公开".
import { WITHHELD_TEXT } from '@shared/privacy';
import { ScrollView, Text, View } from '@tarojs/components';
import { ORG_UNIT_KIND_LABELS, type OrgUnitKind } from '@shared/enums';
import type { RouterOutputs } from '../../lib/trpc';
import { countText, percentText } from './report-text';
import { keyboardPress, keyboardScroll } from '../../components/pressable';

type Coverage = RouterOutputs['reports']['coverage'];
type Row = Coverage['rows'][number];

const LEAF_KINDS = ['SCHOOL', 'COMMUNITY_SITE'];

export function canDrillInto(row: Pick<Row, 'kind'>): boolean {
  return !LEAF_KINDS.includes(row.kind);
}

const COLUMNS: { key: keyof Row; title: string; render: (r: Row) => string }[] = [
  { key: 'families', title: '家庭数', render: (r) => countText(r.families) },
  { key: 'enrolledFamilies', title: '在册', render: (r) => countText(r.enrolledFamilies) },
  { key: 'joinedFamilies', title: '已加入', render: (r) => countText(r.joinedFamilies) },
  { key: 'servedFamilies', title: '已获指导', render: (r) => countText(r.servedFamilies) },
  // Nothing to divide (no families): “—”, not 0.0%.
  { key: 'coverage', title: '覆盖率', render: (r) => (r.families === 0 ? '—' : percentText(r.coverage)) },
  {
    key: 'activeGuidanceSites',
    title: '开展站点',
    render: (r) => `${countText(r.activeGuidanceSites)}/${countText(r.guidanceSites)}`,
  },
  { key: 'sessions', title: '活动场次', render: (r) => countText(r.sessions) },
  { key: 'attendances', title: '到场户次', render: (r) => countText(r.attendances) },
  { key: 'homeVisitsDone', title: '完成家访', render: (r) => countText(r.homeVisitsDone) },
];

function TableRow({ row, total, onOpen }: { row: Row; total?: boolean; onOpen?: () => void }) {
  const drill = !total && onOpen && canDrillInto(row);
  return (
    <View
      className={`coverage-row${total ? ' coverage-row--total' : ''}${drill ? ' coverage-row--link' : ''}`}
      data-unit-id={row.orgUnitId}
      {...(drill ? { role: 'link', ...keyboardPress() } : {})}
      onClick={drill ? onOpen : undefined}
    >
      <View className='coverage-row__name'>
        <Text className='coverage-row__unit'>{total ? `合计（${row.name}）` : row.name}</Text>
        {!total ? (
          <Text className='coverage-row__kind'>{ORG_UNIT_KIND_LABELS[row.kind as OrgUnitKind] ?? row.kind}</Text>
        ) : null}
        {drill ? <Text className='coverage-row__more'>查看下级 ›</Text> : null}
      </View>
      {COLUMNS.map((c) => (
        <Text key={c.key} className={`coverage-row__cell coverage-row__${c.key}`}>
          {c.render(row)}
        </Text>
      ))}
    </View>
  );
}

export function CoverageTable({ data, onOpen }: { data: Coverage; onOpen: (row: Row) => void }) {
  return (
    <View className='coverage-table'>
      <ScrollView scrollX className='coverage-table__scroll' {...keyboardScroll('覆盖情况表（可左右滑动）')}>
        <View className='coverage-table__inner'>
          <View className='coverage-row coverage-row--head'>
            <Text className='coverage-row__name'>单位</Text>
            {COLUMNS.map((c) => (
              <Text key={c.key} className='coverage-row__cell'>
                {c.title}
              </Text>
            ))}
          </View>
          {data.rows.map((row) => (
            <TableRow key={row.orgUnitId} row={row} onOpen={() => onOpen(row)} />
          ))}
          <TableRow row={data.total} total />
        </View>
      </ScrollView>
      {data.rows.length === 0 ? <Text className='report-empty'>本单位没有下级单位，上表为本单位合计。</Text> : null}
      <Text className='report-card__note'>
        {`“${WITHHELD_TEXT}”：只涉及一所学校或一个站点的家庭数、人次小于 5 时不公开，以免识别到具体家庭；为防止用合计减去其余各行推算，同一列还会再隐去至少一个数字。学校、站点和活动数始终公开。开展站点 = 开展心理健康教育的站点数 / 站点总数。`}
      </Text>
    </View>
  );
}

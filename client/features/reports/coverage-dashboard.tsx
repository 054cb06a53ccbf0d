// 覆盖情况统计: the family mental-health guidance coverage of the user's region, a year at a time, with the
// education line (schools) or the federation line (community stations) alone, drill-down by region, charts,
// the schools without activity this semester, and Excel/CSV export. Aggregates only: no family is named, except
// to the coordinator (or admin) of a single school or station, who sees its unserved families to invite them.
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ChoiceChips } from '../../components/choice-chips';
import { FormError } from '../../components/form-field';
import { ErrorState } from '../../components/loading-state';
import { Button } from '../../components/nutui';
import { RemoteState } from '../../components/remote-state';
import { keyboardPress } from '../../components/pressable';
import { useAction } from '../../lib/use-action';
import { loadMe, type Me } from '../../lib/auth-store';
import { chinaTime } from '../../lib/china-time';
import { remoteKeys } from '../../lib/remote-keys';
import { trpc, type RouterOutputs } from '../../lib/trpc';
import { useRemote } from '../../lib/use-remote';
import { CoverageTable } from './coverage-table';
import {
  ChecklistTiersChart,
  MonthlyChart,
  SessionsByKindChart,
  SiteShareBar,
  VisitsByModeChart,
} from './dashboard-charts';
import { CAN_EXPORT_CSV, saveCsv, saveXlsx } from './export-report';
import { reportGrants, type ReportGrant } from './report-scope';
import { countText, percentText, reportYears, SITE_FILTERS, type SiteFilter } from './report-text';
import { coordinatesUnit, UnservedFamilies } from './unserved-families';
import { ComplianceCard } from './compliance-card';
import { provinceAdminUnit, TargetsCard } from './targets-card';
import { CityHotlinesCard } from './city-hotlines-card';
import { MonthlyReports } from './monthly-reports';
import { LedgerCard } from './ledger-card';
import { SignOffCard } from './sign-off-card';
import { KnowledgeCard } from './knowledge-card';
import './reports.scss';

type Coverage = RouterOutputs['reports']['coverage'];
type Dashboard = RouterOutputs['reports']['dashboard'];
interface Crumb {
  id: string;
  name: string;
}

export function CoverageDashboard() {
  const me = useRemote(remoteKeys.me, () => loadMe());
  return (
    <RemoteState state={me.state} reload={me.reload}>
      {(user) => {
        const grants = reportGrants(user);
        if (grants.length === 0)
          return <ErrorState message='覆盖情况统计仅对妇联、关工委、管理员和家长学校负责人开放。' />;
        return <DashboardForGrants grants={grants} me={user} />;
      }}
    </RemoteState>
  );
}

function Headline({ coverage, dashboard }: { coverage: Coverage; dashboard: Dashboard }) {
  const t = coverage.total;
  const sites = dashboard.guidanceSites;
  const figures = [
    { key: 'families', label: '家庭数', value: countText(t.families) },
    { key: 'enrolled', label: '在册家庭', value: countText(t.enrolledFamilies) },
    { key: 'joined', label: '已加入平台', value: countText(t.joinedFamilies) },
    { key: 'served', label: '已获指导家庭数', value: countText(t.servedFamilies) },
    { key: 'coverage', label: '覆盖率', value: t.families === 0 ? '—' : percentText(t.coverage) },
    {
      key: 'site-share',
      label: `站点开展率（目标 ${percentText(sites.target)}）`,
      value: sites.sites === 0 ? '—' : percentText(sites.share),
    },
  ];
  return (
    <View className='headline'>
      {figures.map((f) => (
        <View key={f.key} className={`headline__figure headline__figure--${f.key}`}>
          <Text className='headline__value'>{f.value}</Text>
          <Text className='headline__label'>{f.label}</Text>
        </View>
      ))}
    </View>
  );
}

function Breadcrumb({ path, onGo }: { path: Crumb[]; onGo: (index: number) => void }) {
  return (
    <View className='breadcrumb' role='navigation' aria-label='当前查看的单位'>
      {path.map((c, i) => {
        const last = i === path.length - 1;
        return (
          <View key={c.id} className='breadcrumb__item'>
            {i > 0 ? (
              <Text className='breadcrumb__sep' aria-hidden='true'>
                ›
              </Text>
            ) : null}
            {last ? (
              <View className='breadcrumb__name breadcrumb__name--current' aria-current='page'>
                <Text>{c.name}</Text>
              </View>
            ) : (
              <View
                className='breadcrumb__name breadcrumb__name--link'
                role='link'
                {...keyboardPress()}
                onClick={() => onGo(i)}
              >
                <Text>{c.name}</Text>
              </View>
            )}
          </View>
        );
      })}
    </View>
  );
}

function SchoolsWithoutActivity({ dashboard }: { dashboard: Dashboard }) {
  const list = dashboard.schoolsWithoutActivity;
  return (
    <View className='report-card idle-schools'>
      <Text className='report-card__title'>
        {`${dashboard.semester}尚未开展指导活动的学校（${list.length >= 200 ? '200 所以上' : `${list.length} 所`}）`}
      </Text>
      <Text className='report-card__note'>本学期既没有心理健康类活动、也没有完成家访的学校，请督促尽早开展。</Text>
      {list.length === 0 ? <Text className='report-empty'>本学期各学校均已开展指导活动。</Text> : null}
      {list.map((s) => (
        <View key={s.id} className='idle-schools__item'>
          <Text className='idle-schools__name'>{s.name}</Text>
          <Text className='idle-schools__county'>{s.countyName}</Text>
        </View>
      ))}
    </View>
  );
}

function ExportButtons({
  input,
}: {
  input: { orgUnitId: string; year: number; siteKind?: 'SCHOOL' | 'COMMUNITY_SITE' };
}) {
  const { busyKey: busy, error, run: runAction } = useAction();
  const run = (kind: 'xlsx' | 'csv') =>
    runAction(async () => {
      if (kind === 'xlsx') await saveXlsx(await trpc.reports.coverageXlsx.query(input));
      else saveCsv(await trpc.reports.coverageCsv.query(input));
      if (process.env.TARO_ENV === 'h5') void Taro.showToast({ title: '已开始下载', icon: 'success' });
    }, kind);
  return (
    <View className='report-card report-export no-print'>
      <Text className='report-card__title'>导出报表</Text>
      <Text className='report-card__note'>
        {process.env.TARO_ENV === 'h5'
          ? 'Excel 含各级单位分表、指标说明、生成时间与范围。打印时只印统计内容（不含按钮和筛选），也可在打印窗口中选择“另存为 PDF”。'
          : 'Excel 含各级单位分表、指标说明、生成时间与范围。'}
      </Text>
      <View className='report-export__buttons'>
        <Button type='primary' loading={busy === 'xlsx'} onClick={() => void run('xlsx')}>
          导出 Excel 报表
        </Button>
        {process.env.TARO_ENV === 'h5' ? (
          <Button fill='outline' onClick={() => window.print()}>
            打印 / 存为 PDF
          </Button>
        ) : null}
        {CAN_EXPORT_CSV ? (
          <Button fill='outline' loading={busy === 'csv'} onClick={() => void run('csv')}>
            导出 CSV
          </Button>
        ) : null}
      </View>
      <FormError message={error} />
    </View>
  );
}

function DashboardForGrants({ grants, me }: { grants: ReportGrant[]; me: Pick<Me, 'roles'> }) {
  const thisYear = chinaTime(new Date()).year();
  const [grantId, setGrantId] = useState(grants[0].orgUnitId);
  const [path, setPath] = useState<Crumb[]>([{ id: grants[0].orgUnitId, name: grants[0].orgUnitName }]);
  const [year, setYear] = useState(thisYear);
  const [site, setSite] = useState<SiteFilter>('ALL');
  const unit = path[path.length - 1];
  const input = { orgUnitId: unit.id, year, ...(site === 'ALL' ? {} : { siteKind: site }) };
  const siteLabel = SITE_FILTERS.find((f) => f.value === site)?.label;
  const key = `${unit.id}|${year}|${site}`;

  // Another unit, year or site type keeps the figures shown (marked 正在更新…) until its own arrive.
  const remote = useRemote(
    remoteKeys.reports.coverage(input),
    async () => {
      const [coverage, dashboard] = await Promise.all([
        trpc.reports.coverage.query(input),
        trpc.reports.dashboard.query(input),
      ]);
      return { key, coverage, dashboard };
    },
    { keepPrevious: true },
  );

  const pickGrant = (id: string) => {
    const g = grants.find((x) => x.orgUnitId === id);
    if (!g) return;
    setGrantId(id);
    setPath([{ id: g.orgUnitId, name: g.orgUnitName }]);
  };

  return (
    <View className='coverage-dashboard'>
      <View className='report-card report-filters'>
        <Text className='coverage-dashboard__title'>家庭心理健康教育指导服务覆盖情况</Text>
        {grants.length > 1 ? (
          <View className='report-filters__group no-print'>
            <Text className='report-filters__label'>统计范围</Text>
            <ChoiceChips
              options={grants.map((g) => ({ value: g.orgUnitId, label: g.orgUnitName }))}
              value={grantId}
              onChange={pickGrant}
            />
          </View>
        ) : null}
        <View className='report-filters__group report-filters__years no-print'>
          <Text className='report-filters__label'>年度</Text>
          <ChoiceChips
            options={reportYears(thisYear).map((y) => ({ value: String(y), label: `${y}年` }))}
            value={String(year)}
            onChange={(v) => setYear(Number(v))}
          />
        </View>
        <View className='report-filters__group report-filters__sites no-print'>
          <Text className='report-filters__label'>站点类型</Text>
          <ChoiceChips options={SITE_FILTERS} value={site} onChange={setSite} />
        </View>
        <Breadcrumb path={path} onGo={(i) => setPath(path.slice(0, i + 1))} />
      </View>

      <RemoteState state={remote.state} reload={remote.reload}>
        {({ key: shownKey, coverage, dashboard }) => (
          <View
            className={`coverage-dashboard__body${shownKey === key ? '' : ' coverage-dashboard__body--stale'}`}
            data-unit-id={coverage.orgUnitId}
            data-year={coverage.year}
          >
            {shownKey !== key ? <Text className='coverage-dashboard__updating'>正在更新…</Text> : null}
            <Text className='coverage-dashboard__scope'>
              {`${coverage.name} · ${coverage.year}年${site === 'ALL' ? '' : ` · ${siteLabel}`}`}
            </Text>
            <Headline coverage={coverage} dashboard={dashboard} />
            {coverage.signOff ? (
              <Text className='coverage-dashboard__signed'>
                {`本年度数字已签报（${coverage.signOff.signedBy}），显示签报时的数字${coverage.revisions.length > 0 ? `；签报后有 ${coverage.revisions.length} 条更正，见“年度签报”` : ''}。`}
              </Text>
            ) : null}
            <ComplianceCard
              key={`compliance|${coverage.orgUnitId}|${coverage.year}`}
              orgUnitId={coverage.orgUnitId}
              year={coverage.year}
            />
            <View className='report-card'>
              <Text className='report-card__title'>站点开展率</Text>
              <SiteShareBar data={dashboard} />
            </View>
            <View className='report-card'>
              <Text className='report-card__title'>按地区查看</Text>
              <Text className='report-card__note'>点击市、县（区）进入下一级；点击上方路径返回上一级。</Text>
              <CoverageTable
                data={coverage}
                onOpen={(row) => setPath([...path, { id: row.orgUnitId, name: row.name }])}
              />
            </View>
            <MonthlyChart data={dashboard} dataKey={shownKey} />
            <SessionsByKindChart data={dashboard} dataKey={shownKey} />
            <VisitsByModeChart data={dashboard} dataKey={shownKey} />
            <ChecklistTiersChart data={dashboard} dataKey={shownKey} />
            <SchoolsWithoutActivity dashboard={dashboard} />
            <KnowledgeCard
              key={`knowledge|${coverage.orgUnitId}|${coverage.year}`}
              orgUnitId={coverage.orgUnitId}
              year={coverage.year}
            />
            {coverage.kind === 'SCHOOL' || coverage.kind === 'COMMUNITY_SITE' ? null : (
              <MonthlyReports
                key={`monthly|${coverage.orgUnitId}|${coverage.year}`}
                orgUnitId={coverage.orgUnitId}
                year={coverage.year}
              />
            )}
            {coverage.kind === 'SCHOOL' || coverage.kind === 'COMMUNITY_SITE' ? null : (
              <SignOffCard
                key={`sign|${coverage.orgUnitId}|${coverage.year}`}
                orgUnitId={coverage.orgUnitId}
                year={coverage.year}
                me={me}
              />
            )}
            {shownKey === key &&
            (coverage.kind === 'SCHOOL' || coverage.kind === 'COMMUNITY_SITE') &&
            coordinatesUnit(
              me,
              path.map((c) => c.id),
            ) ? (
              <LedgerCard
                key={`ledger|${coverage.orgUnitId}|${coverage.year}`}
                orgUnitId={coverage.orgUnitId}
                year={coverage.year}
              />
            ) : null}
            {shownKey === key &&
            (coverage.kind === 'SCHOOL' || coverage.kind === 'COMMUNITY_SITE') &&
            coordinatesUnit(
              me,
              path.map((c) => c.id),
            ) ? (
              <UnservedFamilies
                key={`${coverage.orgUnitId}|${coverage.year}`}
                orgUnitId={coverage.orgUnitId}
                year={coverage.year}
              />
            ) : null}
          </View>
        )}
      </RemoteState>
      <ExportButtons input={input} />
      <TargetsCard me={me} />
      {provinceAdminUnit(me) ? <CityHotlinesCard provinceId={provinceAdminUnit(me)!} /> : null}
    </View>
  );
}

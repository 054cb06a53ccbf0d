// 月度报告: the reports the region's federation and 关工委 staff receive on the first of each month (year to
// date), flagged in words when coverage is behind the pace for the year (every family once a year). In the
// mini program a reader subscribes to the next month's message from here.
import { Text, View } from '@tarojs/components';
import { useEffect } from 'react';
import { Button } from '../../components/nutui';
import { RemoteState } from '../../components/remote-state';
import { remoteKeys } from '../../lib/remote-keys';
import { trpc } from '../../lib/trpc';
import { useRemote } from '../../lib/use-remote';
import { askForSubscriptions, prefetchSubscribeTemplates } from '../sessions/subscribe-messages';
import { countText, percentText } from './report-text';

export function MonthlyReports({ orgUnitId, year }: { orgUnitId: string; year: number }) {
  const remote = useRemote(remoteKeys.reports.monthly(orgUnitId, year), () =>
    trpc.reports.monthly.query({ orgUnitId, year }),
  );
  useEffect(() => prefetchSubscribeTemplates(), []);
  const subscribe = () => {
    const report = askForSubscriptions(['MONTHLY_REPORT']);
    void report();
  };
  return (
    <View className='report-card monthly-reports' aria-label='月度报告'>
      <Text className='report-card__title'>月度报告</Text>
      <Text className='report-card__note'>
        每月 1 日生成上月底的年度累计数字。按“每个家庭每年至少一次”的目标，到 m 月底覆盖率应达到
        m/12，低于即标注“进度落后”。
      </Text>
      {process.env.TARO_ENV === 'weapp' ? (
        <Button fill='outline' onClick={subscribe}>
          订阅下月月报提醒
        </Button>
      ) : null}
      <RemoteState state={remote.state} reload={remote.reload}>
        {(reports) =>
          reports.length === 0 ? (
            <Text className='report-empty'>
              本年度还没有月度报告（每月 1 日生成，只为有妇联、关工委人员的地区生成）。
            </Text>
          ) : (
            <View>
              {reports.map((r) => (
                <View
                  key={r.month}
                  className={`monthly-report${r.behindPace ? ' monthly-report--behind' : ''}`}
                  data-month={r.month}
                >
                  <Text className='monthly-report__month'>{`${r.figures.year}年${r.figures.month}月底`}</Text>
                  <Text className='monthly-report__line'>
                    {`覆盖率 ${percentText(r.figures.coverage)}（应达 ${percentText(r.figures.paceTarget)}）· 已获指导 ${countText(r.figures.servedFamilies)}/${countText(r.figures.families)} 户 · 活动 ${countText(r.figures.sessions)} 场 · 家访 ${countText(r.figures.homeVisitsDone)} 次`}
                  </Text>
                  <Text className='monthly-report__status'>{r.behindPace ? '✗ 进度落后' : '✓ 进度正常'}</Text>
                </View>
              ))}
            </View>
          )
        }
      </RemoteState>
    </View>
  );
}

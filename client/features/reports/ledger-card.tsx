// 学期工作台账: the coordinator of a school or site downloads the semester's ledger (activity plan and record,
// signed attendance, home-visit summary, special-group visits, summary) generated from the records, instead
// of typing it again for the inspection.
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ChoiceChips } from '../../components/choice-chips';
import { FormError } from '../../components/form-field';
import { Button } from '../../components/nutui';
import { trpc } from '../../lib/trpc';
import { useAction } from '../../lib/use-action';
import { semestersOf } from './compliance-card';
import { saveXlsx } from './export-report';

export function LedgerCard({ orgUnitId, year }: { orgUnitId: string; year: number }) {
  const semesters = semestersOf(year);
  const [semester, setSemester] = useState(semesters[1].value);
  const { busy, error, run } = useAction();
  const download = () => run(async () => saveXlsx(await trpc.reports.ledgerXlsx.query({ orgUnitId, semester })));
  return (
    <View className='report-card ledger-card' aria-label='学期工作台账'>
      <Text className='report-card__title'>学期工作台账</Text>
      <Text className='report-card__note'>
        由平台记录自动生成，不必再手工誊写：活动计划与记录、签到表（含参与率）、家访汇总（不含教师私人备注）、特殊群体家访完成情况和汇总页，每张表写明口径和生成时间。
      </Text>
      <ChoiceChips options={semesters} value={semester} onChange={setSemester} />
      <FormError message={error} />
      <Button type='primary' loading={busy} onClick={() => void download()}>
        下载台账 Excel
      </Button>
    </View>
  );
}

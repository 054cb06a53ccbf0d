// 年度签报: a region's figures for a finished year are signed off by its own federation, 关工委 or bureau
// staff, county first, then city, then province. Signed figures are frozen; corrections made later are listed
// with who made them and why.
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { FormError, FormField } from '../../components/form-field';
import { Button, Input } from '../../components/nutui';
import { RemoteState } from '../../components/remote-state';
import type { Me } from '../../lib/auth-store';
import { chinaTime } from '../../lib/china-time';
import { remoteKeys } from '../../lib/remote-keys';
import { trpc } from '../../lib/trpc';
import { useAction } from '../../lib/use-action';
import { invalidate, useRemote } from '../../lib/use-remote';

const SIGNERS = ['ADMIN', 'FEDERATION', 'COMMITTEE'];
const when = (at: string | Date) => chinaTime(at).format('YYYY-MM-DD HH:mm');

export function SignOffCard({ orgUnitId, year, me }: { orgUnitId: string; year: number; me: Pick<Me, 'roles'> }) {
  const key = remoteKeys.reports.signOff(orgUnitId, year);
  const remote = useRemote(key, () => trpc.reports.signOffStatus.query({ orgUnitId, year }));
  const [note, setNote] = useState('');
  const { busy, error, run } = useAction();
  const mayAct = me.roles.some((g) => SIGNERS.includes(g.role));
  const yearOver = chinaTime(new Date()).year() > year;
  const sign = () =>
    run(async () => {
      await trpc.reports.signOff.mutate({ orgUnitId, year, note: note.trim() || undefined });
      invalidate('reports');
    });
  return (
    <RemoteState state={remote.state} reload={remote.reload}>
      {(s) =>
        !s.canSign ? null : (
          <View className='report-card sign-off' aria-label='年度签报'>
            <Text className='report-card__title'>{`${year}年度签报`}</Text>
            {s.signOff ? (
              <Text className='sign-off__done'>
                {`✓ 已于 ${when(s.signOff.signedAt)} 由 ${s.signOff.signedBy} 签报${s.signOff.note ? `（${s.signOff.note}）` : ''}。本页显示签报时的数字。`}
              </Text>
            ) : (
              <Text className='report-card__note'>
                {yearOver
                  ? '尚未签报。签报后本级数字冻结，之后的更正须填写原因并列在下方。'
                  : `年度结束后（${year + 1} 年 1 月 1 日起）可以签报。`}
              </Text>
            )}
            {s.children.length > 0 ? (
              <View className='sign-off__children'>
                <Text className='report-card__subtitle'>
                  {`下级签报进度：${s.children.filter((c) => c.signedAt).length}/${s.children.length}`}
                </Text>
                {s.children.map((c) => (
                  <Text key={c.orgUnitId} className='sign-off__child'>
                    {c.signedAt ? `✓ ${c.name}：${when(c.signedAt)} ${c.signedBy ?? ''}` : `○ ${c.name}：尚未签报`}
                  </Text>
                ))}
              </View>
            ) : null}
            {s.revisions.length > 0 ? (
              <View className='sign-off__revisions'>
                <Text className='report-card__subtitle'>{`签报后的更正（${s.revisions.length} 条）`}</Text>
                {s.revisions.map((r, i) => (
                  <Text key={i} className='sign-off__revision'>
                    {`${when(r.at)} ${r.unitName} ${r.actorName}：${r.change}。原因：${r.reason}`}
                  </Text>
                ))}
              </View>
            ) : null}
            {!s.signOff && yearOver && mayAct ? (
              <View className='sign-off__form'>
                <FormField label='签报说明（可不填）'>
                  <Input
                    name='signOffNote'
                    placeholder='如：经核对无误'
                    value={note}
                    onChange={setNote}
                    maxLength={500}
                  />
                </FormField>
                <FormError message={error} />
                <Button type='primary' loading={busy} onClick={() => void sign()}>
                  {`签报${year}年度数据`}
                </Button>
              </View>
            ) : null}
          </View>
        )
      }
    </RemoteState>
  );
}

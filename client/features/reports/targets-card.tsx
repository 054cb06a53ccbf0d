// 政策目标值: the targets the figures are measured against, where each comes from and when it changed. A
// province ADMIN adds a new value from a day on (a new plan); earlier periods keep the value of their time.
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { TARGET_INFO, TARGET_KEYS, targetText, type TargetKey } from '@shared/targets';
import { ChoiceChips } from '../../components/choice-chips';
import { FormError, FormField } from '../../components/form-field';
import { Button, Input } from '../../components/nutui';
import { RemoteState } from '../../components/remote-state';
import type { Me } from '../../lib/auth-store';
import { remoteKeys } from '../../lib/remote-keys';
import { trpc } from '../../lib/trpc';
import { useAction } from '../../lib/use-action';
import { invalidate, useRemote } from '../../lib/use-remote';

export function isProvinceAdmin(me: Pick<Me, 'roles'>): boolean {
  return provinceAdminUnit(me) !== null;
}

function TargetForm() {
  const [key, setKey] = useState<TargetKey>('SCHOOL_SEMESTER_ACTIVITIES');
  const [value, setValue] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const [basis, setBasis] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, setError, run } = useAction();
  const share = TARGET_INFO[key].unit === 'share';
  const submit = () =>
    run(async () => {
      setDone(null);
      const n = Number(value.trim().replace(/[%％]$/, ''));
      if (value.trim() === '' || Number.isNaN(n)) {
        setError(share ? '请填写目标百分比，如 60' : '请填写目标场次或次数，如 2');
        return;
      }
      await trpc.reports.setTarget.mutate({
        key,
        value: share ? n / 100 : n,
        effectiveFrom: effectiveFrom.trim(),
        basis: basis.trim(),
      });
      setDone(`已保存：自 ${effectiveFrom.trim()} 起，${TARGET_INFO[key].label}为 ${share ? `${n}%` : n}。`);
      setValue('');
      setBasis('');
      invalidate('reports');
    });
  return (
    <View className='targets-form'>
      <Text className='report-card__subtitle'>调整目标值（省级管理员）</Text>
      <FormField label='指标'>
        <ChoiceChips
          options={TARGET_KEYS.map((k) => ({ value: k, label: TARGET_INFO[k].label }))}
          value={key}
          onChange={setKey}
        />
      </FormField>
      <FormField label={share ? '目标值（%）' : '目标值（场/次）'}>
        <Input
          name='targetValue'
          type='digit'
          placeholder={share ? '如 60' : '如 2'}
          value={value}
          onChange={setValue}
        />
      </FormField>
      <FormField label='生效日期'>
        <Input
          name='effectiveFrom'
          placeholder='YYYY-MM-DD，如 2026-09-01'
          value={effectiveFrom}
          onChange={setEffectiveFrom}
          maxLength={10}
        />
      </FormField>
      <FormField label='调整依据'>
        <Input name='basis' placeholder='文件名称或文号' value={basis} onChange={setBasis} maxLength={200} />
      </FormField>
      <FormError message={error} />
      {done ? <Text className='targets-form__done'>{done}</Text> : null}
      <Button type='primary' loading={busy} onClick={() => void submit()}>
        保存新目标值
      </Button>
    </View>
  );
}

export function TargetsCard({ me }: { me: Pick<Me, 'roles'> }) {
  const remote = useRemote(remoteKeys.reports.targets, () => trpc.reports.targets.query());
  return (
    <View className='report-card targets' role='region' aria-label='政策目标值'>
      <Text className='report-card__title'>政策目标值</Text>
      <RemoteState state={remote.state} reload={remote.reload}>
        {(targets) => (
          <View>
            {targets.map((t) => (
              <View key={t.key} className='target-line' data-target={t.key}>
                <Text className='target-line__label'>{`${t.label}：${targetText(t.key, t.value)}`}</Text>
                <Text className='target-line__source'>{`依据：${t.history[0]?.basis ?? t.source}`}</Text>
                {t.history.length > 1 ? (
                  <Text className='target-line__source'>
                    {`调整记录：${t.history.map((h) => `${h.effectiveFrom} 起 ${targetText(t.key, h.value)}`).join('；')}`}
                  </Text>
                ) : null}
              </View>
            ))}
          </View>
        )}
      </RemoteState>
      {isProvinceAdmin(me) ? <TargetForm /> : null}
    </View>
  );
}

/** The province of a province ADMIN (the settings it keeps), or null. */
export function provinceAdminUnit(me: Pick<Me, 'roles'>): string | null {
  return me.roles.find((g) => g.role === 'ADMIN' && g.orgUnitKind === 'PROVINCE')?.orgUnitId ?? null;
}

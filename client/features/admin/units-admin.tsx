// 学校与站点 (desk page): an admin's region walked down to a county, its schools and sites, and the county's
// units imported from the bureau's Excel list.
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { createOrgUnitInput, SITE_TYPE_LABELS, type SiteType } from '@shared/admin';
import { ChoiceChips } from '../../components/choice-chips';
import { FormError, FormField } from '../../components/form-field';
import { Button, Input } from '../../components/nutui';
import { useAction } from '../../lib/use-action';
import { MyUnitView } from '../../components/my-unit-view';
import type { PickedUnit } from '../../components/org-unit-picker';
import { RemoteDeskTable } from './desk-table';
import { trpc } from '../../lib/trpc';
import { remoteKeys } from '../../lib/remote-keys';
import { invalidate, useRemote } from '../../lib/use-remote';
import { unitAdminGrants, type Grant } from './admin-grants';
import { ImportCard, ImportDone } from './import-result';
import { ImportHistory } from './import-history';
import { UnitOfGrant } from './unit-of-grant';
import './admin.scss';

const KIND_LABELS: Record<string, string> = {
  SCHOOL: '学校',
  COMMUNITY_SITE: '社区站点',
  COUNTY: '县（市、区）',
  CITY: '市',
};

type UnitType = 'SCHOOL' | SiteType;
const TYPE_CHOICES: { value: UnitType; label: string }[] = [
  { value: 'SCHOOL', label: '学校' },
  ...(Object.entries(SITE_TYPE_LABELS) as [SiteType, string][]).map(([value, label]) => ({ value, label })),
];

/** 新建学校或站点: one unit by hand (the import does many). */
function NewUnitForm({ county }: { county: PickedUnit }) {
  const { busy, error, run } = useAction();
  const [type, setType] = useState<UnitType | null>(null);
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [township, setTownship] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const submit = () =>
    run(async () => {
      setDone(null);
      if (!type) throw new Error('请选择类型');
      // The server's own rule first, so the message names no field in English.
      const input = createOrgUnitInput.safeParse({
        parentId: county.id,
        kind: type === 'SCHOOL' ? 'SCHOOL' : 'COMMUNITY_SITE',
        siteType: type === 'SCHOOL' ? undefined : type,
        name,
        code: code.trim() || undefined,
        township: township.trim() || undefined,
      });
      if (!input.success) throw new Error(input.error.issues[0].message);
      await trpc.orgUnits.create.mutate(input.data);
      setDone(`已新建“${name.trim()}”，并生成了学校邀请码。`);
      setName('');
      setCode('');
      setTownship('');
      invalidate(remoteKeys.admin.units(county.id));
      invalidate('org-units');
    });
  return (
    <View className='desk-card new-unit'>
      <Text className='desk-card__title'>新建学校或站点</Text>
      <FormField label='类型'>
        <ChoiceChips options={TYPE_CHOICES} value={type} onChange={setType} />
      </FormField>
      <FormField label='名称'>
        <Input name='unitName' placeholder='如 第一实验小学' value={name} onChange={setName} maxLength={60} />
      </FormField>
      <FormField label={type === 'SCHOOL' ? '学校标识码（10 位，可不填）' : '登记编号（可不填）'}>
        <Input name='unitCode' placeholder='代码' value={code} onChange={setCode} maxLength={32} />
      </FormField>
      <FormField label='所属乡镇（街道）'>
        <Input name='township' placeholder='可不填' value={township} onChange={setTownship} maxLength={40} />
      </FormField>
      <FormError message={error} />
      {done ? <ImportDone text={done} /> : null}
      <View className='desk-card__actions'>
        <Button type='primary' loading={busy} onClick={() => void submit()}>
          新建
        </Button>
      </View>
    </View>
  );
}

/** 改名: a school renamed (or a typing mistake); its families and figures stay with it. */
function RenameUnit({ unitId, name, countyId }: { unitId: string; name: string; countyId: string }) {
  const { busy, run } = useAction({ toast: true });
  const [value, setValue] = useState<string | null>(null);
  if (value === null)
    return (
      <View className='unit-name'>
        <Text>{name}</Text>
        <Button size='small' fill='outline' onClick={() => setValue(name)}>
          改名
        </Button>
      </View>
    );
  return (
    <View className='unit-name'>
      <Input name='rename' value={value} onChange={setValue} maxLength={60} />
      <Button
        size='small'
        type='primary'
        loading={busy}
        onClick={() =>
          void run(async () => {
            await trpc.orgUnits.update.mutate({ orgUnitId: unitId, name: value });
            setValue(null);
            invalidate(remoteKeys.admin.units(countyId));
            invalidate('org-units');
          })
        }
      >
        保存
      </Button>
      <Button size='small' fill='outline' onClick={() => setValue(null)}>
        取消
      </Button>
    </View>
  );
}

/** 撤销: a unit that stopped (merged, closed): no new sessions or families; its past figures stay. */
function CloseUnit({ unitId, countyId }: { unitId: string; countyId: string }) {
  const { busy, run } = useAction({ toast: true });
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <Button size='small' fill='outline' onClick={() => setAsking(true)}>
        撤销
      </Button>
    );
  return (
    <View className='desk-card__actions'>
      <Button
        size='small'
        type='primary'
        loading={busy}
        onClick={() =>
          void run(async () => {
            await trpc.orgUnits.close.mutate({ orgUnitId: unitId });
            invalidate(remoteKeys.admin.units(countyId));
          })
        }
      >
        确认撤销（往年统计保留）
      </Button>
      <Button size='small' fill='outline' onClick={() => setAsking(false)}>
        取消
      </Button>
    </View>
  );
}

function CountyUnits({ county }: { county: PickedUnit }) {
  const { state, reload } = useRemote(remoteKeys.admin.units(county.id), () =>
    trpc.orgUnits.children.query({ parentId: county.id }),
  );
  return (
    <View className='desk-stack' data-county-id={county.id}>
      <ImportCard
        className='units-import'
        title={`导入 ${county.name} 的学校和站点`}
        hint='表头：名称、类型（学校、社区家长学校、家庭教育指导服务站点、妇女儿童之家、新时代文明实践站）、代码（学校填 10 位学校标识码）。代码相同或名称相同的单位会被更新，不会重复建立。'
        label='选择单位文件并导入'
        upload={async (fileBase64) => {
          const r = await trpc.orgUnits.importXlsx.mutate({ parentId: county.id, fileBase64 });
          invalidate(remoteKeys.admin.units(county.id));
          invalidate(remoteKeys.admin.imports(county.id));
          invalidate('org-units');
          return r;
        }}
        template={() => trpc.orgUnits.importTemplate.query()}
        done={(r, fileName) => `“${fileName}”已导入：新建 ${r.created} 个单位，更新 ${r.updated} 个。`}
      />
      <NewUnitForm county={county} />
      <View className='desk-card county-units'>
        <Text className='desk-card__title'>{`${county.name} 的学校和站点`}</Text>
        <RemoteDeskTable
          state={state}
          reload={reload}
          empty='还没有学校或站点。'
          headers={['名称', '类型', '代码', '乡镇（街道）', '状态']}
          row={(u) => (
            <tr key={u.id} data-unit-id={u.id}>
              <td>{u.closedAt ? u.name : <RenameUnit unitId={u.id} name={u.name} countyId={county.id} />}</td>
              <td>{u.siteType ? SITE_TYPE_LABELS[u.siteType] : (KIND_LABELS[u.kind] ?? u.kind)}</td>
              <td>{u.code ?? '—'}</td>
              <td>{u.township ?? '—'}</td>
              <td>{u.closedAt ? '已撤销' : <CloseUnit unitId={u.id} countyId={county.id} />}</td>
            </tr>
          )}
        />
      </View>
      <ImportHistory orgUnitId={county.id} />
    </View>
  );
}

function RegionUnits({ grant }: { grant: Grant }) {
  if (grant.orgUnitKind === 'SCHOOL' || grant.orgUnitKind === 'COMMUNITY_SITE')
    return <Text className='desk-card__hint'>学校和站点由上级管理员管理。</Text>;
  return (
    <UnitOfGrant grant={grant} pickKind='COUNTY' heading='选择县（市、区）'>
      {(county) => <CountyUnits county={county} />}
    </UnitOfGrant>
  );
}

export function UnitsAdmin() {
  return (
    <MyUnitView unitsOf={unitAdminGrants} emptyText='只有管理员可以管理学校和站点。' className='desk'>
      {(grant) => <RegionUnits grant={grant} />}
    </MyUnitView>
  );
}

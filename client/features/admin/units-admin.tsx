// 学校与站点 (desk page): an admin's region walked down to a county, its schools and sites, and the county's
// units imported from the bureau's Excel list.
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { MyUnitView } from '../../components/my-unit-view';
import { FormError } from '../../components/form-field';
import { Button } from '../../components/nutui';
import { OrgUnitPicker, type PickedUnit } from '../../components/org-unit-picker';
import { RemoteState } from '../../components/remote-state';
import { trpc } from '../../lib/trpc';
import { remoteKeys } from '../../lib/remote-keys';
import { useAction } from '../../lib/use-action';
import { invalidate, useRemote } from '../../lib/use-remote';
import { saveXlsx } from '../reports/export-report';
import { unitAdminGrants, type Grant } from './admin-grants';
import { ImportDone, ImportErrors, type RowError } from './import-result';
import { ImportHistory } from './import-history';
import { XlsxUpload } from './xlsx-upload';
import './admin.scss';

const KIND_LABELS: Record<string, string> = {
  SCHOOL: '学校',
  COMMUNITY_SITE: '社区站点',
  COUNTY: '县（市、区）',
  CITY: '市',
};

function CountyUnits({ county }: { county: PickedUnit }) {
  const { state, reload } = useRemote(remoteKeys.admin.units(county.id), () =>
    trpc.orgUnits.children.query({ parentId: county.id }),
  );
  const { busy, error, run } = useAction();
  const [result, setResult] = useState<{ fileName: string; errors: RowError[]; text: string } | null>(null);
  const upload = (file: { name: string; base64: string }) =>
    run(async () => {
      setResult(null);
      const r = await trpc.orgUnits.importXlsx.mutate({ parentId: county.id, fileBase64: file.base64 });
      setResult({
        fileName: file.name,
        errors: r.errors,
        text: `“${file.name}”已导入：新建 ${r.created} 个单位，更新 ${r.updated} 个。`,
      });
      invalidate(remoteKeys.admin.units(county.id));
      invalidate(remoteKeys.admin.imports(county.id));
      invalidate('org-units');
    });
  const template = () => run(async () => saveXlsx(await trpc.orgUnits.importTemplate.query()));
  return (
    <View className='desk-stack' data-county-id={county.id}>
      <View className='desk-card units-import'>
        <Text className='desk-card__title'>{`导入 ${county.name} 的学校和站点`}</Text>
        <Text className='desk-card__hint'>
          表头：名称、类型（学校、社区家长学校、家庭教育指导服务站点、妇女儿童之家、新时代文明实践站）、代码（学校填 10
          位学校标识码）。代码相同或名称相同的单位会被更新，不会重复建立。
        </Text>
        <View className='desk-card__actions'>
          <XlsxUpload
            label={busy ? '正在导入…' : '选择单位文件并导入'}
            disabled={busy}
            onFile={(f) => void upload(f)}
          />
          <Button fill='outline' onClick={() => void template()}>
            下载模板
          </Button>
        </View>
        <FormError message={error} />
        {result ? (
          result.errors.length > 0 ? (
            <ImportErrors fileName={result.fileName} errors={result.errors} />
          ) : (
            <ImportDone text={result.text} />
          )
        ) : null}
      </View>
      <View className='desk-card county-units'>
        <Text className='desk-card__title'>{`${county.name} 的学校和站点`}</Text>
        <RemoteState state={state} reload={reload}>
          {(units) =>
            units.length === 0 ? (
              <Text className='desk-card__hint'>还没有学校或站点。</Text>
            ) : (
              <table className='desk-table'>
                <thead>
                  <tr>
                    <th scope='col'>名称</th>
                    <th scope='col'>类型</th>
                    <th scope='col'>代码</th>
                  </tr>
                </thead>
                <tbody>
                  {units.map((u) => (
                    <tr key={u.id} data-unit-id={u.id}>
                      <td>{u.name}</td>
                      <td>{KIND_LABELS[u.kind] ?? u.kind}</td>
                      <td>{u.code ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </RemoteState>
      </View>
      <ImportHistory orgUnitId={county.id} />
    </View>
  );
}

function RegionUnits({ grant }: { grant: Grant }) {
  const [county, setCounty] = useState<PickedUnit | null>(null);
  if (grant.orgUnitKind === 'COUNTY') return <CountyUnits county={{ id: grant.orgUnitId, name: grant.orgUnitName }} />;
  if (grant.orgUnitKind === 'SCHOOL' || grant.orgUnitKind === 'COMMUNITY_SITE')
    return <Text className='desk-card__hint'>学校和站点由上级管理员管理。</Text>;
  return (
    <View className='desk-stack'>
      {county ? (
        <View className='desk-card desk-card--row'>
          <Text className='desk-card__line'>{`当前县（市、区）：${county.name}`}</Text>
          <Button size='small' fill='outline' onClick={() => setCounty(null)}>
            更换
          </Button>
        </View>
      ) : (
        <OrgUnitPicker
          rootId={grant.orgUnitId}
          rootName={grant.orgUnitName}
          heading='选择县（市、区）'
          pickKind='COUNTY'
          onPick={setCounty}
        />
      )}
      {county ? <CountyUnits key={county.id} county={county} /> : null}
    </View>
  );
}

export function UnitsAdmin() {
  return (
    <MyUnitView unitsOf={unitAdminGrants} emptyText='只有管理员可以管理学校和站点。' className='desk'>
      {(grant) => <RegionUnits grant={grant} />}
    </MyUnitView>
  );
}

// 学校与站点 (desk page): an admin's region walked down to a county, its schools and sites, and the county's
// units imported from the bureau's Excel list.
import { Text, View } from '@tarojs/components';
import { MyUnitView } from '../../components/my-unit-view';
import type { PickedUnit } from '../../components/org-unit-picker';
import { RemoteState } from '../../components/remote-state';
import { trpc } from '../../lib/trpc';
import { remoteKeys } from '../../lib/remote-keys';
import { invalidate, useRemote } from '../../lib/use-remote';
import { unitAdminGrants, type Grant } from './admin-grants';
import { ImportCard } from './import-result';
import { ImportHistory } from './import-history';
import { UnitOfGrant } from './unit-of-grant';
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

// 教职工账号 (desk page): a school's (or, for an admin, a county's) staff accounts from Excel, with their class
// teacher classes; the new accounts' initial passwords are shown this once, to hand over in person.
import { Text, View } from '@tarojs/components';
import { ROLE_LABELS } from '@shared/enums';
import { createStaffInput } from '@shared/admin';
import { useState } from 'react';
import { MyUnitView } from '../../components/my-unit-view';
import { FormError, FormField } from '../../components/form-field';
import { Button, Input } from '../../components/nutui';
import { ChoiceChips } from '../../components/choice-chips';
import { trpc, type RouterOutputs } from '../../lib/trpc';
import { remoteKeys } from '../../lib/remote-keys';
import { useAction } from '../../lib/use-action';
import { invalidate, useRemote } from '../../lib/use-remote';
import { DeskTable, RemoteDeskTable } from './desk-table';
import { staffAdminGrants, type Grant } from './admin-grants';
import { ImportCard, ImportDone } from './import-result';
import { UnitOfGrant } from './unit-of-grant';
import { ImportHistory } from './import-history';
import './admin.scss';

type StaffImport = RouterOutputs['staff']['importXlsx'];

function InitialPasswords({ accounts }: { accounts: StaffImport['accounts'] }) {
  if (accounts.length === 0) return null;
  return (
    <View className='desk-card initial-passwords'>
      <Text className='desk-card__title'>新账号的初始密码（只显示这一次）</Text>
      <Text className='desk-card__hint'>
        请当面交给本人；首次登录时须改成自己的密码。离开本页后无法再查看，忘记时由管理员重设。
      </Text>
      <DeskTable
        headers={['姓名', '用户名', '初始密码']}
        rows={accounts}
        row={(a) => (
          <tr key={a.username} data-username={a.username}>
            <td>{a.displayName}</td>
            <td>{a.username}</td>
            <td className='desk-code'>{a.initialPassword}</td>
          </tr>
        )}
      />
    </View>
  );
}

type StaffRow = RouterOutputs['staff']['list'][number] & { isMe: boolean };

function StaffActions({ row, onChanged }: { row: StaffRow; onChanged: () => void }) {
  const { busyKey, error, run } = useAction();
  const [confirming, setConfirming] = useState(false);
  const [reset, setReset] = useState<string | null>(null);
  if (row.disabled || row.isMe) return <Text>—</Text>;
  return (
    <View className='staff-actions'>
      {reset ? (
        <View className='staff-actions__reset' role='status'>
          <Text className='desk-code'>{`新的初始密码：${reset}`}</Text>
        </View>
      ) : null}
      <View className='desk-card__actions'>
        <Button
          size='small'
          fill='outline'
          loading={busyKey === 'reset'}
          onClick={() =>
            void run(async () => {
              setReset((await trpc.staff.resetPassword.mutate({ userId: row.userId })).initialPassword);
              onChanged();
            }, 'reset')
          }
        >
          重设密码
        </Button>
        {confirming ? (
          <Button
            size='small'
            type='primary'
            loading={busyKey === 'disable'}
            onClick={() =>
              void run(async () => {
                await trpc.staff.disable.mutate({ userId: row.userId });
                onChanged();
              }, 'disable')
            }
          >
            确认停用
          </Button>
        ) : (
          <Button size='small' fill='outline' onClick={() => setConfirming(true)}>
            停用
          </Button>
        )}
      </View>
      <FormError message={error} />
    </View>
  );
}

function StaffList({ orgUnitId, meId }: { orgUnitId: string; meId: string }) {
  const { state, reload } = useRemote(remoteKeys.admin.staff(orgUnitId), () => trpc.staff.list.query({ orgUnitId }));
  return (
    <View className='desk-card staff-list'>
      <Text className='desk-card__title'>工作人员账号</Text>
      <RemoteDeskTable
        state={state}
        reload={reload}
        empty='还没有工作人员账号。'
        headers={['姓名', '用户名', '角色', '状态', '操作']}
        row={(r) => (
          <tr key={r.userId} data-username={r.username}>
            <td>{r.displayName}</td>
            <td>{r.username}</td>
            <td>{r.roles.map((g) => `${ROLE_LABELS[g.role]}（${g.orgUnitName}）`).join('、')}</td>
            <td>{r.disabled ? '已停用' : r.mustChangePassword ? '待首次登录改密码' : '正常'}</td>
            <td>
              <StaffActions
                row={{ ...r, isMe: r.userId === meId }}
                onChanged={() => invalidate(remoteKeys.admin.staff(orgUnitId))}
              />
            </td>
          </tr>
        )}
      />
    </View>
  );
}

const ROLE_CHOICES = (grant: Grant) =>
  (grant.role === 'COORDINATOR'
    ? (['TEACHER', 'COUNSELOR'] as const)
    : (['COORDINATOR', 'TEACHER', 'COUNSELOR'] as const)
  ).map((value) => ({ value, label: ROLE_LABELS[value] }));

/** 开设一个账号: one account at a school, with an initial password its owner changes at first sign-in. */
function NewStaffForm({ grant, school }: { grant: Grant; school: { id: string; name: string } }) {
  const { busy, error, run } = useAction();
  const [role, setRole] = useState<'COORDINATOR' | 'TEACHER' | 'COUNSELOR' | null>(null);
  const [displayName, setDisplayName] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const submit = () =>
    run(async () => {
      setDone(null);
      // The server's own rule first, so the message names no field in English.
      const input = createStaffInput.safeParse({ username, displayName, password, role, orgUnitId: school.id });
      if (!input.success) throw new Error(input.error.issues[0].message);
      await trpc.staff.create.mutate(input.data);
      setDone(`已开设 ${displayName.trim()}（${username.trim()}）的账号，请把初始密码当面交给本人。`);
      setDisplayName('');
      setUsername('');
      setPassword('');
      invalidate(remoteKeys.admin.staff(grant.orgUnitId));
    });
  return (
    <View className='desk-card new-staff'>
      <Text className='desk-card__title'>{`开设一个账号 · ${school.name}`}</Text>
      <FormField label='角色'>
        <ChoiceChips options={ROLE_CHOICES(grant)} value={role} onChange={setRole} />
      </FormField>
      <FormField label='姓名'>
        <Input
          name='displayName'
          placeholder='如 刘老师'
          value={displayName}
          onChange={setDisplayName}
          maxLength={40}
        />
      </FormField>
      <FormField label='用户名'>
        <Input
          name='username'
          placeholder='字母、数字、点，如 liu.teacher'
          value={username}
          onChange={setUsername}
          maxLength={64}
        />
      </FormField>
      <FormField label='初始密码'>
        <Input
          name='password'
          placeholder='至少 8 位，不能全是数字'
          value={password}
          onChange={setPassword}
          maxLength={128}
        />
      </FormField>
      <FormError message={error} />
      {done ? <ImportDone text={done} /> : null}
      <View className='desk-card__actions'>
        <Button type='primary' loading={busy} onClick={() => void submit()}>
          开设账号
        </Button>
      </View>
    </View>
  );
}

function StaffImportCard({ grant, meId }: { grant: Grant; meId: string }) {
  const [accounts, setAccounts] = useState<StaffImport['accounts']>([]);
  return (
    <View className='desk-stack'>
      <ImportCard
        className='staff-import'
        title={`导入教职工 · ${grant.orgUnitName}`}
        hint={
          grant.role === 'COORDINATOR'
            ? '表头：姓名、用户名、角色（教师、心理健康教师）、班主任班级（如 三年级（1）班）。家访按班主任分配家庭。'
            : '表头：姓名、用户名、角色、学校标识码（一次导入多所学校时填写）、班主任班级。超出本辖区的学校会逐行报错。'
        }
        label='选择教职工文件并导入'
        upload={async (fileBase64) => {
          setAccounts([]);
          const r = await trpc.staff.importXlsx.mutate({ orgUnitId: grant.orgUnitId, fileBase64 });
          setAccounts(r.accounts);
          invalidate(remoteKeys.admin.imports(grant.orgUnitId));
          invalidate(remoteKeys.admin.staff(grant.orgUnitId));
          return r;
        }}
        template={() => trpc.staff.importTemplate.query()}
        done={(r, fileName) => `“${fileName}”已导入：新开设 ${r.created} 个账号，更新 ${r.updated} 个。`}
      />
      <InitialPasswords accounts={accounts} />
      <UnitOfGrant grant={grant} pickKind='SCHOOL' heading='开设一个账号：选择学校' hideKinds={['COMMUNITY_SITE']}>
        {(school) => <NewStaffForm grant={grant} school={school} />}
      </UnitOfGrant>
      <StaffList orgUnitId={grant.orgUnitId} meId={meId} />
      <ImportHistory orgUnitId={grant.orgUnitId} />
    </View>
  );
}

export function StaffAdmin() {
  return (
    <MyUnitView
      unitsOf={staffAdminGrants}
      emptyText='只有管理员或学校的家长学校负责人可以管理教职工账号。'
      className='desk'
    >
      {(grant, me) => <StaffImportCard grant={grant} meId={me.id} />}
    </MyUnitView>
  );
}

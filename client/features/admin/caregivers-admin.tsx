// 照护人监护身份确认 (desk page card): the caregivers of the school's families who are not parents. A grandparent
// raising an orphan, or a carer a court appointed, is the child's legal guardian once the coordinator has seen
// the proof (户口簿、法院判决、公证的监护协议等) and confirms it here — audited. Then they may give the separate
// consent for the child's checklists themselves, as a parent would.
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Button } from '../../components/nutui';
import { FormError } from '../../components/form-field';
import { formatDateTime } from '../../lib/china-time';
import { remoteKeys } from '../../lib/remote-keys';
import { trpc, type RouterOutputs } from '../../lib/trpc';
import { useAction } from '../../lib/use-action';
import { RemoteDeskTable } from './desk-table';
import { invalidate, useRemote } from '../../lib/use-remote';

type Caregiver = RouterOutputs['families']['caregivers'][number];

const childrenText = (c: Caregiver) =>
  c.children.map((k) => `${k.name}（${k.className ?? k.gradeLabel}）`).join('、') || '—';

function ConfirmButton({ schoolId, c }: { schoolId: string; c: Caregiver }) {
  const [asking, setAsking] = useState(false);
  const { busy, error, run } = useAction();
  if (!asking)
    return (
      <Button size='small' fill='outline' onClick={() => setAsking(true)}>
        确认为法定监护人
      </Button>
    );
  return (
    <View className='desk-card__actions caregiver-confirm'>
      <Text className='desk-card__hint'>
        {`请先核验证明（户口簿、法院判决或公证的监护协议等），确认${c.displayName}是${childrenText(c)}的法定监护人。确认会被记录。`}
      </Text>
      <Button
        size='small'
        type='primary'
        loading={busy}
        onClick={() =>
          void run(async () => {
            await trpc.families.confirmLegalGuardian.mutate({ guardianId: c.guardianId });
            invalidate(remoteKeys.admin.caregivers(schoolId));
          })
        }
      >
        已核验，确认
      </Button>
      <Button size='small' fill='none' onClick={() => setAsking(false)}>
        取消
      </Button>
      <FormError message={error} />
    </View>
  );
}

export function CaregiversAdmin({ schoolId }: { schoolId: string }) {
  const { state, reload } = useRemote(remoteKeys.admin.caregivers(schoolId), () =>
    trpc.families.caregivers.query({ orgUnitId: schoolId }),
  );
  return (
    <View className='desk-card caregivers-admin'>
      <Text className='desk-card__title'>照护人监护身份确认</Text>
      <Text className='desk-card__hint'>
        父母以外的照护人（祖父母、其他亲属、受委托照护人）不是法定监护人，不能为孩子同意填写心理预警清单，除非父母在“我的家庭”中授权，
        或者您核验证明后确认其为法定监护人（如孤儿的祖父母）。
      </Text>
      <RemoteDeskTable
        state={state}
        reload={reload}
        empty='本校家庭中没有父母以外的照护人。'
        headers={['照护人', '关系', '孩子', '父母授权', '法定监护人']}
        row={(c) => (
          <tr key={c.guardianId} data-guardian-id={c.guardianId} data-confirmed={c.confirmedAt !== null}>
            <td>{c.displayName}</td>
            <td>{c.relationLabel}</td>
            <td>{childrenText(c)}</td>
            <td>{c.authorizedByParent ? '已授权' : '—'}</td>
            <td>
              {c.confirmedAt ? (
                `已确认（${c.confirmedBy ?? '学校'}，${formatDateTime(c.confirmedAt)}）`
              ) : (
                <ConfirmButton schoolId={schoolId} c={c} />
              )}
            </td>
          </tr>
        )}
      />
    </View>
  );
}

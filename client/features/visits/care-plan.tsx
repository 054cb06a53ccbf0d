// 一生一策: the restricted file of a special-group household, opened on request (each opening is recorded),
// with the counsellor's and class teacher's dated notes and a form to add one. Support, not a diagnosis.
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { FormError } from '../../components/form-field';
import { Button, Input } from '../../components/nutui';
import { RemoteState } from '../../components/remote-state';
import { chinaTime } from '../../lib/china-time';
import { remoteKeys } from '../../lib/remote-keys';
import { trpc } from '../../lib/trpc';
import { useAction } from '../../lib/use-action';
import { useRemote } from '../../lib/use-remote';

const ROLE_LABEL = { COUNSELOR: '心理教师', TEACHER: '班主任' } as const;

function Notes({ familyId, canWrite }: { familyId: string; canWrite: boolean }) {
  const remote = useRemote(remoteKeys.carePlan(familyId), () => trpc.visits.carePlan.query({ familyId }));
  const [text, setText] = useState('');
  const { busy, error, run } = useAction();
  const add = () =>
    run(async () => {
      await trpc.visits.addCareNote.mutate({ familyId, text: text.trim() });
      setText('');
      remote.reload();
    });
  return (
    <View className='care-plan__body'>
      <Text className='visits__hint'>一生一策记录关心和支持措施，不是诊断。内容加密保存，每次查看都会留痕。</Text>
      <RemoteState state={remote.state} reload={remote.reload}>
        {(notes) =>
          notes.length === 0 ? (
            <Text className='visits__hint'>还没有记录。</Text>
          ) : (
            <View>
              {notes.map((n) => (
                <View key={n.id} className='care-note'>
                  <Text className='care-note__meta'>
                    {`${chinaTime(n.createdAt).format('YYYY-MM-DD')} · ${ROLE_LABEL[n.authorRole]} ${n.authorName}`}
                  </Text>
                  <Text className='care-note__text'>{n.text}</Text>
                </View>
              ))}
            </View>
          )
        }
      </RemoteState>
      {canWrite ? (
        <View className='care-plan__form'>
          <Input
            name='careNote'
            placeholder='如：开学初与祖母面谈，约定每周电话联系一次'
            value={text}
            onChange={setText}
            maxLength={2000}
          />
          <FormError message={error} />
          <Button size='small' type='primary' disabled={text.trim() === ''} loading={busy} onClick={() => void add()}>
            添加记录
          </Button>
        </View>
      ) : null}
    </View>
  );
}

export function CarePlan({ familyId, canWrite }: { familyId: string; canWrite: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <View className='care-plan'>
      <Button size='small' fill='outline' onClick={() => setOpen(!open)}>
        {open ? '收起一生一策' : '查看一生一策'}
      </Button>
      {open ? <Notes familyId={familyId} canWrite={canWrite} /> : null}
    </View>
  );
}

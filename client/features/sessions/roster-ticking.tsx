// 按班级名册点名 (web build, coordinators): households on the school's class rosters who came without
// registering (many never joined the app): pick a class, tick who is here. The same roll call as the
// registered list (sessions.markAttendance), each household once. 代为报名: a household that asked at the
// school gate (a grandmother without a smartphone) is registered on its behalf (sessions.registerFamily).
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ChoiceChips } from '../../components/choice-chips';
import { FormError } from '../../components/form-field';
import { Button } from '../../components/nutui';
import { RemoteState } from '../../components/remote-state';
import { trpc } from '../../lib/trpc';
import { remoteKeys } from '../../lib/remote-keys';
import { useAction } from '../../lib/use-action';
import { invalidate, useRemote } from '../../lib/use-remote';
import { keyboardScroll } from '../../components/pressable';

function ClassTicks({
  sessionId,
  schoolId,
  grade,
  className,
  present,
  registered,
  canRegister,
}: {
  sessionId: string;
  schoolId: string;
  grade: string;
  className: string;
  present: Set<string>;
  registered: Map<string, string>;
  canRegister: boolean;
}) {
  const { state, reload } = useRemote(remoteKeys.admin.students(schoolId, grade, className), () =>
    trpc.rosters.students.query({ schoolId, grade, className }),
  );
  const { busyKey, error, run } = useAction();
  return (
    <RemoteState state={state} reload={reload}>
      {(students) => (
        <View className='roster-ticking__students'>
          <FormError message={error} />
          <table className='desk-table' {...keyboardScroll()}>
            <thead>
              <tr>
                <th scope='col'>学生姓名</th>
                <th scope='col'>家庭</th>
                <th scope='col'>到场</th>
                {canRegister ? <th scope='col'>报名</th> : null}
              </tr>
            </thead>
            <tbody>
              {students.map((s) => {
                const here = present.has(s.familyId);
                return (
                  <tr key={s.childId} data-child-id={s.childId} data-present={here}>
                    <td>{s.name}</td>
                    <td>{s.joined ? '已加入平台' : '未加入平台'}</td>
                    <td>
                      <Button
                        size='small'
                        type={here ? 'default' : 'primary'}
                        fill={here ? 'outline' : 'solid'}
                        loading={busyKey === s.childId}
                        onClick={() =>
                          void run(async () => {
                            await trpc.sessions.markAttendance.mutate({
                              sessionId,
                              familyId: s.familyId,
                              present: !here,
                              method: 'PAPER',
                            });
                            invalidate(remoteKeys.sessions.roster(sessionId));
                          }, s.childId)
                        }
                      >
                        {here ? '已到场（撤销）' : '标记到场'}
                      </Button>
                    </td>
                    {canRegister ? (
                      <td>
                        {registered.has(s.familyId) ? (
                          <Text>{registered.get(s.familyId)}</Text>
                        ) : (
                          <Button
                            size='small'
                            fill='outline'
                            loading={busyKey === `reg:${s.childId}`}
                            onClick={() =>
                              void run(async () => {
                                await trpc.sessions.registerFamily.mutate({ sessionId, familyId: s.familyId });
                                invalidate(remoteKeys.sessions.roster(sessionId));
                              }, `reg:${s.childId}`)
                            }
                          >
                            代为报名
                          </Button>
                        )}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </View>
      )}
    </RemoteState>
  );
}

export function RosterTicking({
  sessionId,
  schoolId,
  presentFamilies,
  registeredFamilies,
  canRegister,
}: {
  sessionId: string;
  schoolId: string;
  presentFamilies: string[];
  /** Family → its registration's label (报名成功, 排队等候中). */
  registeredFamilies: Map<string, string>;
  /** The session is published and not over: households can still be registered. */
  canRegister: boolean;
}) {
  const { state, reload } = useRemote(remoteKeys.admin.classes(schoolId), () =>
    trpc.rosters.classes.query({ schoolId }),
  );
  const [chosen, setChosen] = useState<string | null>(null);
  const present = new Set(presentFamilies);
  return (
    <View className='detail-card roster-ticking'>
      <Text className='detail-card__heading'>按班级名册点名</Text>
      <Text className='detail-card__hint'>
        没有报名、或没有加入平台的家庭来了，在班级名册上找到孩子，点“标记到场”。同一家庭的几个孩子只计一户。
      </Text>
      <RemoteState state={state} reload={reload}>
        {(classes) =>
          classes.length === 0 ? (
            <Text className='detail-card__hint'>本校还没有导入班级名册。</Text>
          ) : (
            <View>
              <ChoiceChips
                options={classes.map((c) => ({ value: `${c.grade}|${c.className}`, label: c.className }))}
                value={chosen}
                onChange={setChosen}
              />
              {chosen ? (
                <ClassTicks
                  key={chosen}
                  sessionId={sessionId}
                  schoolId={schoolId}
                  grade={chosen.split('|')[0]}
                  className={chosen.split('|')[1]}
                  present={present}
                  registered={registeredFamilies}
                  canRegister={canRegister}
                />
              ) : null}
            </View>
          )
        }
      </RemoteState>
    </View>
  );
}

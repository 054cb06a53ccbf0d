// 班级名册与待核对 (desk page): a school's rosters imported from Excel, its classes and their families, the
// class invite codes, guardians' requests to correct a rostered child, and the families that joined but are on
// no roster (待核对).
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { MyUnitView } from '../../components/my-unit-view';
import { FormError } from '../../components/form-field';
import { Button } from '../../components/nutui';
import { trpc, type RouterOutputs } from '../../lib/trpc';
import { remoteKeys } from '../../lib/remote-keys';
import { useAction } from '../../lib/use-action';
import { invalidate, useRemote } from '../../lib/use-remote';
import { rosterGrants } from './admin-grants';
import { ImportCard } from './import-result';
import { ImportHistory } from './import-history';
import { UnitOfGrant } from './unit-of-grant';
import { RemoteDeskTable } from './desk-table';
import { CaregiversAdmin } from './caregivers-admin';
import './admin.scss';

type RosterClass = RouterOutputs['rosters']['classes'][number];

function RosterImport({ schoolId }: { schoolId: string }) {
  const [wholeSchool, setWholeSchool] = useState(false);
  return (
    <ImportCard
      className='roster-import'
      title='导入班级名册'
      hint='表头：年级、班级、学生姓名、家庭编号（兄弟姐妹填同一个编号），可选监护人姓名、关系、手机（加密保存，只用于联系尚未加入的家庭）。文件中班级里不再出现的学生记为离校；同一文件再次导入不会重复建立家庭。'
      label='选择名册文件并导入'
      upload={async (fileBase64) => {
        const r = await trpc.rosters.importXlsx.mutate({ schoolId, fileBase64, wholeSchool });
        invalidate(remoteKeys.admin.roster(schoolId));
        invalidate(remoteKeys.admin.imports(schoolId));
        return r;
      }}
      template={() => trpc.rosters.template.query()}
      done={(r, fileName) =>
        `“${fileName}”已导入：${r.children} 名学生、${r.households} 户家庭；新增 ${r.created} 名，变更 ${r.updated} 处，离校 ${r.closed} 名。`
      }
    >
      <label className='desk-check'>
        <input type='checkbox' checked={wholeSchool} onChange={(e) => setWholeSchool(e.target.checked)} />
        <span>这是全校名册：文件中没有的班级，学生也记为离校（如毕业年级）</span>
      </label>
    </ImportCard>
  );
}

function ClassInvite({ schoolId, c }: { schoolId: string; c: RosterClass }) {
  const { busy, run } = useAction({ toast: true });
  if (c.inviteCode) return <Text className='desk-code'>{c.inviteCode}</Text>;
  return (
    <Button
      size='small'
      fill='outline'
      loading={busy}
      onClick={() =>
        void run(async () => {
          await trpc.invites.createClass.mutate({ orgUnitId: schoolId, grade: c.grade, className: c.className });
          invalidate(remoteKeys.admin.classes(schoolId));
        })
      }
    >
      生成班级邀请码
    </Button>
  );
}

/** 转学 / 毕业 by hand: the student leaves the roster; the household stays counted for its years. */
function LeaveButtons({ schoolId, childId }: { schoolId: string; childId: string }) {
  const { busyKey, run } = useAction({ toast: true });
  const [asking, setAsking] = useState<'TRANSFERRED' | 'GRADUATED' | null>(null);
  const leave = (reason: 'TRANSFERRED' | 'GRADUATED') =>
    run(async () => {
      await trpc.rosters.closeStudent.mutate({ childId, reason });
      invalidate(remoteKeys.admin.roster(schoolId));
    }, reason);
  if (asking)
    return (
      <View className='desk-card__actions'>
        <Button size='small' type='primary' loading={busyKey === asking} onClick={() => void leave(asking)}>
          {asking === 'TRANSFERRED' ? '确认转学' : '确认毕业'}
        </Button>
        <Button size='small' fill='outline' onClick={() => setAsking(null)}>
          取消
        </Button>
      </View>
    );
  return (
    <View className='desk-card__actions'>
      <Button size='small' fill='outline' onClick={() => setAsking('TRANSFERRED')}>
        转学
      </Button>
      <Button size='small' fill='outline' onClick={() => setAsking('GRADUATED')}>
        毕业
      </Button>
    </View>
  );
}

function ClassStudents({ schoolId, c }: { schoolId: string; c: RosterClass }) {
  const { state, reload } = useRemote(remoteKeys.admin.students(schoolId, c.grade, c.className), () =>
    trpc.rosters.students.query({ schoolId, grade: c.grade, className: c.className }),
  );
  return (
    <View className='desk-card class-students' data-class={c.className}>
      <Text className='desk-card__title'>{`${c.className} 学生名单`}</Text>
      <RemoteDeskTable
        state={state}
        reload={reload}
        empty='这个班没有在册学生。'
        headers={['学生姓名', '家庭编号', '同户兄弟姐妹', '家庭是否已加入', '名册联系人', '离校']}
        row={(s) => (
          <tr key={s.childId} data-child-id={s.childId} data-joined={s.joined}>
            <td>{s.name}</td>
            <td>{s.householdKey ?? '—'}</td>
            <td>{s.siblings > 0 ? `${s.siblings} 人` : '—'}</td>
            <td>{s.joined ? '已加入' : '未加入'}</td>
            <td>{s.contact ?? '—'}</td>
            <td>
              <LeaveButtons schoolId={schoolId} childId={s.childId} />
            </td>
          </tr>
        )}
      />
    </View>
  );
}

function RosterClasses({ schoolId }: { schoolId: string }) {
  const { state, reload } = useRemote(remoteKeys.admin.classes(schoolId), () =>
    trpc.rosters.classes.query({ schoolId }),
  );
  const [open, setOpen] = useState<RosterClass | null>(null);
  return (
    <View className='desk-stack'>
      <View className='desk-card roster-classes'>
        <Text className='desk-card__title'>班级</Text>
        <RemoteDeskTable
          state={state}
          reload={reload}
          empty='还没有导入班级名册。'
          headers={['班级', '学生', '家庭', '已加入平台', '班主任', '班级邀请码', '名单']}
          row={(c) => (
            <tr key={`${c.grade}|${c.className}`} data-class={c.className}>
              <td>{c.className}</td>
              <td>{c.students}</td>
              <td>{c.households}</td>
              <td>{`${c.joined} 户`}</td>
              <td>{c.teacherName ?? '未设置'}</td>
              <td>
                <ClassInvite schoolId={schoolId} c={c} />
              </td>
              <td>
                <Button size='small' fill='outline' onClick={() => setOpen(c)}>
                  查看学生
                </Button>
              </td>
            </tr>
          )}
        />
      </View>
      {open ? <ClassStudents key={`${open.grade}|${open.className}`} schoolId={schoolId} c={open} /> : null}
    </View>
  );
}

function PendingFamilies({ schoolId }: { schoolId: string }) {
  const { state, reload } = useRemote(remoteKeys.admin.pending(schoolId), () =>
    trpc.rosters.pending.query({ schoolId }),
  );
  const { busyKey, error, run } = useAction();
  const done = () => invalidate(remoteKeys.admin.roster(schoolId));
  return (
    <View className='desk-card pending-families'>
      <Text className='desk-card__title'>待核对</Text>
      <Text className='desk-card__hint'>
        已加入本校、但不在班级名册上的家庭（孩子姓名写法不同、用学校邀请码加入，或名册上的家庭已有人认领）。并入名册上的家庭后，签到、家访和服务次数都保留，只计一次。
      </Text>
      <FormError message={error} />
      <RemoteDeskTable
        state={state}
        reload={reload}
        empty='没有待核对的家庭。'
        headers={['监护人', '登记的孩子', '名册上的同名学生', '核对']}
        row={(f) => (
          <tr key={f.familyId} data-family-id={f.familyId}>
            <td>{f.guardians.map((g) => `${g.displayName}（${g.relation}）`).join('、')}</td>
            <td>{f.children.map((c) => `${c.name} ${c.className ?? c.gradeLabel}`).join('、')}</td>
            <td>
              {f.matches.length === 0
                ? '无'
                : f.matches.map((m) => (
                    <View key={m.familyId} className='pending-families__match'>
                      <Text>{`${m.name} ${m.className ?? m.gradeLabel}${m.joined ? '（已有家长加入）' : ''}`}</Text>
                      <Button
                        size='small'
                        type='primary'
                        loading={busyKey === `${f.familyId}:${m.familyId}`}
                        onClick={() =>
                          void run(async () => {
                            await trpc.rosters.matchFamily.mutate({
                              familyId: f.familyId,
                              intoFamilyId: m.familyId,
                            });
                            done();
                          }, `${f.familyId}:${m.familyId}`)
                        }
                      >
                        并入此家庭
                      </Button>
                    </View>
                  ))}
            </td>
            <td>
              <Button
                size='small'
                fill='outline'
                loading={busyKey === f.familyId}
                onClick={() =>
                  void run(async () => {
                    await trpc.rosters.confirmNotOnRoster.mutate({ familyId: f.familyId });
                    done();
                  }, f.familyId)
                }
              >
                确认不在名册
              </Button>
            </td>
          </tr>
        )}
      />
    </View>
  );
}

/**
 * 家长申请更正: a guardian says a rostered child's name, grade or class is wrong. The roster file is the school's
 * record: correct it there and import it again (a change made only here would be undone by the next import),
 * then mark the request.
 */
function RosterCorrections({ schoolId }: { schoolId: string }) {
  const { state, reload } = useRemote(remoteKeys.admin.corrections(schoolId), () =>
    trpc.rosters.corrections.query({ schoolId }),
  );
  const { busyKey, error, run } = useAction();
  const close = (correctionId: string, outcome: 'DONE' | 'DECLINED') =>
    run(async () => {
      await trpc.rosters.closeCorrection.mutate({ correctionId, outcome });
      invalidate(remoteKeys.admin.corrections(schoolId));
    }, `${correctionId}:${outcome}`);
  return (
    <View className='desk-card roster-corrections'>
      <Text className='desk-card__title'>家长申请更正</Text>
      <Text className='desk-card__hint'>
        家长认为名册上孩子的姓名、年级或班级有误。名册以学校的文件为准：请在名册文件中改正后重新导入，再标记“已改正”；核对后名册无误的，标记“名册无误”。家长在“我的家庭”里能看到处理结果。
      </Text>
      <FormError message={error} />
      <RemoteDeskTable
        state={state}
        reload={reload}
        empty='没有待处理的更正申请。'
        headers={['名册上', '家长说应为', '说明', '申请人', '处理']}
        row={(c) => (
          <tr key={c.correctionId} data-correction-id={c.correctionId}>
            <td>{`${c.roster.name} ${c.roster.className ?? c.roster.gradeLabel}${c.roster.left ? '（已离校）' : ''}`}</td>
            <td>
              {[
                c.requested.name ? `姓名：${c.requested.name}` : null,
                c.requested.gradeLabel ? `年级：${c.requested.gradeLabel}` : null,
                c.requested.className ? `班级：${c.requested.className}` : null,
              ]
                .filter(Boolean)
                .join('；') || '—'}
            </td>
            <td>{c.note ?? '—'}</td>
            <td>{c.requestedBy}</td>
            <td>
              <View className='desk-card__actions'>
                <Button
                  size='small'
                  type='primary'
                  loading={busyKey === `${c.correctionId}:DONE`}
                  onClick={() => void close(c.correctionId, 'DONE')}
                >
                  已改正
                </Button>
                <Button
                  size='small'
                  fill='outline'
                  loading={busyKey === `${c.correctionId}:DECLINED`}
                  onClick={() => void close(c.correctionId, 'DECLINED')}
                >
                  名册无误
                </Button>
              </View>
            </td>
          </tr>
        )}
      />
    </View>
  );
}

function SchoolRoster({ schoolId, name, coordinator }: { schoolId: string; name: string; coordinator: boolean }) {
  return (
    <View className='desk-stack' data-school-id={schoolId}>
      <Text className='desk__title'>{`${name} · 班级名册`}</Text>
      <RosterImport schoolId={schoolId} />
      <RosterClasses schoolId={schoolId} />
      <RosterCorrections schoolId={schoolId} />
      <PendingFamilies schoolId={schoolId} />
      {coordinator ? <CaregiversAdmin schoolId={schoolId} /> : null}
      <ImportHistory orgUnitId={schoolId} />
    </View>
  );
}

export function RostersAdmin() {
  return (
    <MyUnitView unitsOf={rosterGrants} emptyText='只有学校的家长学校负责人或管理员可以管理班级名册。' className='desk'>
      {(grant) => (
        <UnitOfGrant grant={grant} pickKind='SCHOOL' heading='选择学校' hideKinds={['COMMUNITY_SITE']}>
          {(school) => (
            <SchoolRoster schoolId={school.id} name={school.name} coordinator={grant.role === 'COORDINATOR'} />
          )}
        </UnitOfGrant>
      )}
    </MyUnitView>
  );
}

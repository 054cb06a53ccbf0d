// 邀请家长加入: the school's (or site's) invite code and each class's, as posters with a QR code that opens the
// join page with the code filled in (家长扫码加入). On the web they print one poster per sheet, for the school
// gate, the classroom door or the new-student parent class; in the mini program a class teacher shows them or
// sends the class code to the class group.
import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMemo, useState } from 'react';
import { ChoiceChips } from '../../components/choice-chips';
import { MyUnitView } from '../../components/my-unit-view';
import { Button } from '../../components/nutui';
import { RemoteState } from '../../components/remote-state';
import { pageLink } from '../../lib/api-base';
import { qrPngDataUrl } from '../../lib/qr-png';
import { remoteKeys } from '../../lib/remote-keys';
import { ROUTES } from '../../lib/routes';
import { trpc, type RouterOutputs } from '../../lib/trpc';
import { useRemote } from '../../lib/use-remote';
import { inviteGrants, type Grant } from './invite-grants';
import './invites.scss';

type Invite = RouterOutputs['invites']['list'][number];

const classTitle = (i: Invite) => (i.kind === 'SCHOOL' ? '全校家长' : `${i.className ?? i.gradeLabel ?? ''}家长`);

function Poster({ invite, unitName }: { invite: Invite; unitName: string }) {
  const link = pageLink(ROUTES.joinWithCode(invite.code));
  const qr = useMemo(() => qrPngDataUrl(link, 8), [link]);
  return (
    <View className='invite-poster' data-code={invite.code}>
      <Text className='invite-poster__brand'>心桥 · 家庭心理健康教育指导服务</Text>
      <Text className='invite-poster__unit'>{unitName}</Text>
      <Text className='invite-poster__title'>{classTitle(invite)}扫码加入</Text>
      <Image
        className='invite-poster__qr'
        src={qr}
        mode='scaleToFill'
        nativeProps={{ alt: `${classTitle(invite)}加入${unitName}的二维码` }}
      />
      <Text className='invite-poster__how'>用微信“扫一扫”扫描上方二维码，按提示填写与孩子的关系、孩子姓名和年级。</Text>
      <Text className='invite-poster__code-label'>也可以在“心桥”小程序的“加入家庭”中输入邀请码：</Text>
      <Text className='invite-poster__code'>{invite.code}</Text>
      <Text className='invite-poster__foot'>
        {invite.kind === 'SCHOOL'
          ? '加入后请在“我的家庭”里选择孩子所在班级，班主任才能联系到您。'
          : '用本班邀请码加入，孩子会直接编入本班。'}
        参加家长学校、预约寒暑假家访，每年至少获得一次家庭心理健康教育指导服务。
      </Text>
    </View>
  );
}

function UnitPosters({ unit }: { unit: Grant }) {
  const invites = useRemote(remoteKeys.invites(unit.orgUnitId), () =>
    trpc.invites.list.query({ orgUnitId: unit.orgUnitId }),
  );
  const [only, setOnly] = useState<string>('all');
  return (
    <RemoteState state={invites.state} reload={invites.reload}>
      {(rows) => {
        const usable = rows.filter((r) => !r.disabled);
        if (usable.length === 0)
          return <Text className='invite-posters__hint'>本单位还没有可用的邀请码，请联系管理员。</Text>;
        const shown = only === 'all' ? usable : usable.filter((r) => r.code === only);
        const web = process.env.TARO_ENV === 'h5';
        return (
          <View className='invite-posters__body'>
            <View className='invite-posters__controls'>
              <Text className='invite-posters__hint'>
                {web
                  ? '选择要打印的海报，点“打印海报”，每张海报单独一页。'
                  : '向家长展示二维码，或把班级邀请码发到班级群；在电脑上打开网页版可打印海报。'}
              </Text>
              <ChoiceChips
                options={[
                  { value: 'all', label: `全部（${usable.length} 张）` },
                  ...usable.map((r) => ({
                    value: r.code,
                    label: r.kind === 'SCHOOL' ? '全校' : (r.className ?? r.code),
                  })),
                ]}
                value={only}
                onChange={setOnly}
              />
              {web ? (
                <Button type='primary' onClick={() => window.print()}>
                  打印海报
                </Button>
              ) : (
                <Button
                  fill='outline'
                  onClick={() =>
                    void Taro.setClipboardData({
                      data: shown.map((r) => `${classTitle(r)}邀请码：${r.code}`).join('\n'),
                    })
                  }
                >
                  复制邀请码
                </Button>
              )}
            </View>
            <View className='invite-posters__sheet'>
              {shown.map((r) => (
                <Poster key={r.code} invite={r} unitName={unit.orgUnitName} />
              ))}
            </View>
          </View>
        );
      }}
    </RemoteState>
  );
}

export function InvitePosters() {
  return (
    <MyUnitView
      unitsOf={inviteGrants}
      emptyText='只有学校或站点的家长学校负责人、教师可以查看邀请码。'
      className='invite-posters'
    >
      {(unit) => <UnitPosters unit={unit} />}
    </MyUnitView>
  );
}

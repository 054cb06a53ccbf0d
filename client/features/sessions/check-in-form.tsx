import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { checkInInput } from '@shared/sessions';
import { FormError, FormField } from '../../components/form-field';
import { Button, Input } from '../../components/nutui';
import { remoteKeys } from '../../lib/remote-keys';
import { ROUTES } from '../../lib/routes';
import { trpc } from '../../lib/trpc';
import { invalidate } from '../../lib/use-remote';
import { useSchemaForm } from '../../lib/use-schema-form';
import './sessions.scss';

type Result = { sessionId: string; firstTime: boolean; title: string | null };

/**
 * 扫码签到. In WeChat: scan the coordinator's QR code. In the web build a phone's camera opens the QR's link
 * to this page with the code filled in. Online sessions: type the 6-digit code shown in the live stream.
 */
export function CheckInForm({ initialCode = '' }: { initialCode?: string }) {
  const form = useSchemaForm(checkInInput, { code: initialCode });
  const { values, set, busy, error, setError } = form;
  const [result, setResult] = useState<Result | null>(null);

  /** The typed code, or `scanned` from the camera. */
  const submit = (scanned?: string) =>
    form.submit(
      async (input) => {
        const done = await trpc.sessions.checkIn.mutate(input);
        const title = await trpc.sessions.get.query({ sessionId: done.sessionId }).then(
          (s) => s.title,
          () => null,
        );
        setResult({ ...done, title });
        set('code')('');
        // 我的活动 and the session's page now show the attendance.
        invalidate(remoteKeys.sessions.all);
      },
      scanned === undefined ? values : { code: scanned },
    );

  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      await submit(res.result);
    } catch (e) {
      const msg = (e as { errMsg?: string } | null)?.errMsg ?? '';
      // Closing the scanner is not an error.
      if (!msg.includes('cancel')) setError('未能识别二维码，请重试或输入签到码');
    }
  };

  return (
    <View className='check-in'>
      {result ? (
        <View className='check-in__result' role='status'>
          <Text className='check-in__result-title'>{result.firstTime ? '签到成功' : '已签到'}</Text>
          {result.title ? <Text className='check-in__result-text'>{result.title}</Text> : null}
          <Text className='check-in__result-text'>
            {result.firstTime ? '感谢参加！本次活动已记入你家的活动记录。' : '你家已签到过本场活动，无需重复签到。'}
          </Text>
          <View className='detail-card__actions'>
            <Button block fill='outline' onClick={() => Taro.navigateTo({ url: ROUTES.session(result.sessionId) })}>
              查看活动
            </Button>
            <Button block fill='outline' onClick={() => Taro.navigateTo({ url: ROUTES.mySessions })}>
              我的活动
            </Button>
          </View>
        </View>
      ) : null}
      <View className='detail-card'>
        <Text className='detail-card__heading'>活动现场签到</Text>
        <Text className='detail-card__hint'>
          请扫描工作人员展示的签到二维码；线上活动请输入直播中显示的 6 位签到码。
        </Text>
        {process.env.TARO_ENV === 'weapp' ? (
          <View className='detail-card__actions'>
            <Button type='primary' block loading={busy} onClick={scan}>
              扫描签到二维码
            </Button>
          </View>
        ) : null}
        <FormField label='签到码'>
          <Input
            name='checkInCode'
            placeholder='6 位签到码'
            value={values.code}
            onChange={set('code')}
            maxLength={200}
            clearable
          />
        </FormField>
        <FormError message={error} />
        <View className='detail-card__actions'>
          <Button
            type={process.env.TARO_ENV === 'weapp' ? 'default' : 'primary'}
            block
            loading={busy}
            onClick={() => void submit()}
          >
            签到
          </Button>
        </View>
      </View>
    </View>
  );
}

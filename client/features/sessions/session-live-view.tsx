import { Image, Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ErrorState, LoadingState } from '../../components/loading-state';
import { Button } from '../../components/nutui';
import { errorMessage, redirectIfUnauthorized } from '../../lib/api-error';
import { formatTimeRange } from '../../lib/china-time';
import { qrPngDataUrl } from '../../lib/qr-png';
import { ROUTES } from '../../lib/routes';
import { trpc, type RouterOutputs } from '../../lib/trpc';
import './sessions.scss';

/** The code changes every minute and stays valid through the next: fetching every 30 s keeps the one shown valid. */
const REFRESH_MS = 30_000;

type Detail = RouterOutputs['sessions']['get'];
type Summary = RouterOutputs['sessions']['roster']['summary'];
interface Live {
  qr: string;
  /** An online session's 6-digit code, the same for the whole session. */
  shortCode: string | null;
  summary: Summary | null;
}

/**
 * What the QR code holds. In the web build, a link to the check-in page with the code: a phone's own camera
 * opens it. In the mini program, the code itself, for the 扫码签到 scanner.
 */
function qrContent(code: string): string {
  if (process.env.TARO_ENV !== 'h5' || typeof location === 'undefined') return code;
  return `${location.origin}${ROUTES.checkIn}?code=${encodeURIComponent(code)}`;
}

/** 123456 → 123 456: read aloud and typed in two halves. */
const spaced = (code: string) => `${code.slice(0, 3)} ${code.slice(3)}`;

/**
 * 现场签到: the rotating check-in QR code, shown large for parents to scan, and for online sessions the
 * 6-digit code that stays the same for the whole session (for the live stream; parents type it on 签到).
 */
export function SessionLiveView({ sessionId }: { sessionId: string }) {
  const [detail, setDetail] = useState<Detail | null>(null);
  const [live, setLive] = useState<Live | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);

  const refresh = useCallback(async () => {
    try {
      const [{ code, shortCode }, roster] = await Promise.all([
        trpc.sessions.checkInCode.query({ sessionId }),
        trpc.sessions.roster.query({ sessionId }).catch(() => null),
      ]);
      setLive({ qr: qrPngDataUrl(qrContent(code), 10), shortCode, summary: roster?.summary ?? null });
      setError(null);
    } catch (e) {
      if (!redirectIfUnauthorized(e)) setError(errorMessage(e));
    }
  }, [sessionId]);

  const stop = useCallback(() => {
    if (timer.current) clearInterval(timer.current);
    timer.current = null;
  }, []);
  const start = useCallback(() => {
    stop();
    void refresh();
    timer.current = setInterval(() => void refresh(), REFRESH_MS);
  }, [refresh, stop]);

  useEffect(() => {
    trpc.sessions.get.query({ sessionId }).then(setDetail, (e: unknown) => {
      if (!redirectIfUnauthorized(e)) setError(errorMessage(e));
    });
    // Polling the code is the effect's outside system; `refresh` sets state only once an answer arrives.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    start();
    return stop;
  }, [sessionId, start, stop]);
  // A hidden page (another page on top, the app in the background) stops asking; showing it again resumes.
  useDidHide(stop);
  useDidShow(() => {
    if (!timer.current) start();
  });

  if (error && !live)
    return (
      <ErrorState
        message={error}
        action={
          <Button type='primary' onClick={start}>
            重试
          </Button>
        }
      />
    );
  if (!live) return <LoadingState />;
  return (
    <View className='session-live'>
      {detail ? (
        <>
          <Text className='session-live__title'>{detail.title}</Text>
          <Text className='session-live__hint'>{formatTimeRange(detail.startsAt, detail.endsAt)}</Text>
        </>
      ) : null}
      <Image
        className='session-live__qr'
        src={live.qr}
        mode='scaleToFill'
        nativeProps={{ alt: '签到二维码（每隔一段时间自动更新）' }}
      />
      <Text className='session-live__hint'>
        家长打开“心桥”小程序 → 扫码签到，扫描上方二维码（也可以用手机相机扫描）
      </Text>
      {live.shortCode ? (
        <>
          <Text className='session-live__hint'>线上签到码（整场活动不变）</Text>
          <Text className='session-live__code session-live__code--short' userSelect>
            {spaced(live.shortCode)}
          </Text>
          <Text className='session-live__hint'>
            把这 6 位数字贴到直播间或写在课件上，家长在“扫码签到”页输入即可签到。活动结束 12 小时后失效。
          </Text>
          <Button block fill='outline' onClick={() => void Taro.setClipboardData({ data: live.shortCode! })}>
            复制签到码
          </Button>
        </>
      ) : (
        <Text className='session-live__hint'>二维码每分钟更新，本页每 30 秒自动刷新。</Text>
      )}
      {live.summary ? (
        <Text className='session-live__summary'>
          已签到 {live.summary.present} 户 / 报名 {live.summary.confirmed} 户
        </Text>
      ) : null}
      {error ? <Text className='session-live__hint'>刷新失败：{error}（将自动重试）</Text> : null}
      <Button block fill='outline' onClick={() => void Taro.navigateTo({ url: ROUTES.roster(sessionId) })}>
        查看名单 / 点名
      </Button>
    </View>
  );
}

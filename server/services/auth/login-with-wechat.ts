import type { Db } from '../../db/create-db';
import type { Env } from '../../env';
import type { WechatClient } from '../../wechat/wechat-client';
import { loginResult } from './login-result';

/**
 * Exchanges a `wx.login` code for the user's openid with code2Session (server side only).
 * The session_key is not stored and never leaves this function: we do not decrypt WeChat data.
 */
export async function loginWithWechat(opts: { db: Db; env: Env; wechat: WechatClient; input: { code: string } }) {
  const { db, env, wechat } = opts;
  const { code } = opts.input;
  const { openid } = await wechat.code2Session(code);
  const user = await db.user.upsert({
    where: { openid },
    create: { openid, displayName: '微信用户' },
    update: {},
    select: { id: true, disabled: true },
  });
  return loginResult(db, env, user.id, 'wechat');
}

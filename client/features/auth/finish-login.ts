import Taro from '@tarojs/taro';
import { startSession, type LoginResult } from '../../lib/auth-store';
import { ROUTES } from '../../lib/routes';

/** After any successful login: keep the session, record the privacy consent, open the home page. */
export async function finishLogin(result: LoginResult): Promise<void> {
  await startSession(result);
  await Taro.reLaunch({ url: ROUTES.home });
}

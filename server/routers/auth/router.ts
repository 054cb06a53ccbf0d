import { router } from '../../trpc/init';
import { wechatLogin } from './wechat-login';
import { passwordLogin } from './password-login';
import { me } from './me';
import { logout } from './logout';
import { logoutEverywhere } from './logout-everywhere';
import { deleteAccount } from './delete-account';
import { changePassword } from './change-password';

export const authRouter = router({
  wechatLogin,
  passwordLogin,
  me,
  logout,
  logoutEverywhere,
  deleteAccount,
  changePassword,
});

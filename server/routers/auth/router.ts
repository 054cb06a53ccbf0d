import { router } from '../../trpc/init';
import { wechatLogin } from './wechat-login';
import { passwordLogin } from './password-login';
import { me } from './me';
import { logout } from './logout';

export const authRouter = router({ wechatLogin, passwordLogin, me, logout });

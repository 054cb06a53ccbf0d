import type { Env } from '../env';
import { DEV_DATA_KEYS, FieldCipher } from './field-cipher';

/** The keys of DATA_KEYS; the published demo key only in an explicit demo (loadEnv refuses anything else). */
export function cipherFromEnv(env: Pick<Env, 'DATA_KEYS' | 'DATA_KEY_ID' | 'DEMO_MODE'>): FieldCipher {
  if (env.DATA_KEYS) return FieldCipher.fromEnv(env.DATA_KEYS, env.DATA_KEY_ID);
  if (env.DEMO_MODE) return FieldCipher.fromEnv(DEV_DATA_KEYS, 'dev');
  throw new Error('未设置 DATA_KEYS（敏感数据加密密钥），不能加密或解密敏感数据');
}

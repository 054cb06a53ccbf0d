import type { Env } from '../env';
import { DEV_DATA_KEYS, FieldCipher } from './field-cipher';

export function cipherFromEnv(env: Pick<Env, 'DATA_KEYS' | 'DATA_KEY_ID'>): FieldCipher {
  if (!env.DATA_KEYS) return FieldCipher.fromEnv(DEV_DATA_KEYS, 'dev');
  return FieldCipher.fromEnv(env.DATA_KEYS, env.DATA_KEY_ID);
}

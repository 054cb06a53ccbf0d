// Who is signed in: the bearer token (Taro storage) and a cache of auth.me.
import Taro from '@tarojs/taro';
import { trpc, type RouterOutputs } from './trpc';
import { clearToken, getToken, setToken } from './token-storage';
import { ROUTES } from './routes';
import { grantPendingPrivacyConsent } from '../features/privacy/privacy-consent';

export type Me = RouterOutputs['auth']['me'];
export type LoginResult = RouterOutputs['auth']['passwordLogin'];

let currentUser: Me | null = null;

export function hasToken(): boolean {
  return getToken() !== null;
}

export function cachedUser(): Me | null {
  return currentUser;
}

/** Stores the session of a successful login and records the privacy consent the user just gave. */
export async function startSession(result: LoginResult): Promise<void> {
  setToken(result.token);
  currentUser = null;
  await grantPendingPrivacyConsent();
}

/** The signed-in user; asks the server unless cached (or `force`). */
export async function loadMe(force = false): Promise<Me> {
  if (currentUser && !force) return currentUser;
  const me = await trpc.auth.me.query();
  currentUser = me;
  return me;
}

export function forgetUser(): void {
  currentUser = null;
}

export async function logout(): Promise<void> {
  try {
    if (getToken()) await trpc.auth.logout.mutate();
  } catch {
    // the token may already be invalid; signing out locally is what matters
  }
  clearToken();
  currentUser = null;
  await Taro.reLaunch({ url: ROUTES.login });
}

/** A parent is a user with a family, or a user without any staff role (who may join one). */
export function isParent(me: Pick<Me, 'roles' | 'familyId'>): boolean {
  return me.familyId !== null || me.roles.length === 0;
}

export function isStaff(me: Pick<Me, 'roles'>): boolean {
  return me.roles.length > 0;
}

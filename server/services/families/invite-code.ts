import { randomInt } from 'node:crypto';

// No 0/O, 1/I/L: codes are read aloud and typed on phones.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/**
 * A guardian invitation: 14 characters of 31, about 69 bits (the contract asks for at least 64), so that
 * guessing one is out of reach however many families there are.
 */
export const GUARDIAN_INVITE_LENGTH = 14;

export function newInviteCode(length = 8): string {
  let code = '';
  for (let i = 0; i < length; i += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

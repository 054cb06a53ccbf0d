// PLACEHOLDER: the visits domain's home entries (filled in with its pages).
import type { Me } from '../../lib/auth-store';
import type { HomeEntry } from '../home/entry-registry';

export const visitEntries = {
  parent: (_me: Me): HomeEntry[] => [],
  staff: (_me: Me): HomeEntry[] => [],
};

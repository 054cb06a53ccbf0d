// Home-page entries contributed by each domain (each domain owns its entries file).
import type { Me } from '../../lib/auth-store';
import { lessonEntries } from '../lessons/home-entries';
import { visitEntries } from '../visits/home-entries';
import { checklistEntries } from '../checklists/home-entries';
import { reportEntries } from '../reports/home-entries';
import { adminEntries } from '../admin/home-entries';
import { inviteEntries } from '../invites/home-entries';

export interface HomeEntry {
  title: string;
  description: string;
  url: string;
}

/** Entries for a guardian with a family, after the sessions entries. */
export function parentDomainEntries(me: Me): HomeEntry[] {
  return [...visitEntries.parent(me), ...checklistEntries.parent(me), ...lessonEntries.parent(me)];
}

/** Entries for staff, after 活动管理. */
export function staffDomainEntries(me: Me): HomeEntry[] {
  return [
    ...visitEntries.staff(me),
    ...checklistEntries.staff(me),
    ...reportEntries.staff(me),
    ...lessonEntries.staff(me),
    ...inviteEntries.staff(me),
    ...adminEntries.staff(me),
  ];
}

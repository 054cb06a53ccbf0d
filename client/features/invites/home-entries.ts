// The invites domain's home entry: 邀请家长加入 for a school's or site's coordinators and teachers.
import type { Me } from '../../lib/auth-store';
import { ROUTES } from '../../lib/routes';
import type { HomeEntry } from '../home/entry-registry';
import { inviteGrants } from './invite-grants';

export const inviteEntries = {
  staff: (me: Me): HomeEntry[] =>
    inviteGrants(me).length > 0
      ? [
          {
            title: '邀请家长加入',
            description: '本校和各班的邀请码海报（家长扫码加入），可打印张贴、发到班级群。',
            url: ROUTES.invitePosters,
          },
        ]
      : [],
};

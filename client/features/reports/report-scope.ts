// Which org units a user may read reports for: the grants of the report-reading roles, one per unit.
import type { Me } from '../../lib/auth-store';

export const REPORTS_DASHBOARD_URL = '/packageReports/dashboard/index';

export const REPORT_ROLES = ['FEDERATION', 'COMMITTEE', 'ADMIN', 'COORDINATOR'] as const;

export interface ReportGrant {
  role: string;
  orgUnitId: string;
  orgUnitName: string;
}

export function reportGrants(me: Pick<Me, 'roles'>): ReportGrant[] {
  const seen = new Set<string>();
  const grants: ReportGrant[] = [];
  for (const g of me.roles) {
    if (!(REPORT_ROLES as readonly string[]).includes(g.role) || seen.has(g.orgUnitId)) continue;
    seen.add(g.orgUnitId);
    grants.push({ role: g.role, orgUnitId: g.orgUnitId, orgUnitName: g.orgUnitName });
  }
  return grants;
}

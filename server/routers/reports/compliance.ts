import { z } from 'zod';
import { ORG_UNIT_KINDS } from '../../shared/enums';
import { TARGET_KEYS, complianceInput } from '../../shared/targets';
import { staffProcedure } from '../../trpc/procedures';
import { complianceReport } from '../../services/reports/compliance';
import { REPORT_READERS } from './access';

const n = z.number().nullable();
const complianceRow = z.object({
  orgUnitId: z.string(),
  name: z.string(),
  kind: z.enum(ORG_UNIT_KINDS),
  code: z.string().nullable(),
  schools: z.number(),
  schoolsMeetingSemesterTarget: z.number(),
  sites: z.number(),
  sitesMeetingYearTarget: z.number(),
  activeGuidanceSites: z.number(),
  activeSiteShare: n,
  servedFamilies: n,
  servicePersonTimes: n,
  specialGroupFamilies: n,
  specialGroupVisited: n,
  participationSchools: z.number(),
  schoolsMeetingParticipationTarget: z.number(),
});

export const compliance = staffProcedure(REPORT_READERS)
  .input(complianceInput)
  .scopedBy('orgUnitId')
  .meta({
    summary:
      '政策目标达标情况（按下级单位）：学校每学期活动、社区家长学校每年活动、站点开展率、家长参与率、服务户数与人次、特殊群体家庭家访，以及未达标单位名单',
  })
  .output(
    z.object({
      orgUnitId: z.string(),
      name: z.string(),
      kind: z.enum(ORG_UNIT_KINDS),
      year: z.number(),
      semester: z.object({ key: z.string(), label: z.string() }),
      targets: z.record(z.enum(TARGET_KEYS), z.number()),
      rows: z.array(complianceRow),
      total: complianceRow,
      gaps: z.object({
        total: z.number(),
        units: z.array(
          z.object({
            orgUnitId: z.string(),
            name: z.string(),
            kind: z.enum(ORG_UNIT_KINDS),
            parentName: z.string().nullable(),
            shortfalls: z.array(z.object({ target: z.enum(TARGET_KEYS), text: z.string() })),
          }),
        ),
      }),
    }),
  )
  .query(({ ctx, input }) => complianceReport({ db: ctx.db, unit: ctx.unit, input }));

/**
 * Small counts that describe one school or site are withheld wherever they appear, filters included, and a
 * total minus the published rows never gives one back (the rule itself is property-tested in
 * test/unit/privacy.test.ts; this file checks that the reports apply it).
 */
import { createTestApp, type TestApp } from '../helpers/test-app';
import { PROVINCE_ID, makeCounty, makeStaff, makeUnit } from '../helpers/builders/org';
import { consentingParent, makeFamilies } from '../helpers/builders/families';
import { checklistAnswers, publishedChecklists } from '../helpers/builders/checklists';
import { chinaYear } from '../../server/shared/china-time';

let app: TestApp;
let countyId: string;
let siteId: string;
let schoolId: string;
const year = chinaYear(new Date());

beforeAll(async () => {
  app = await createTestApp();
  countyId = (await makeCounty(app.db)).id;
  schoolId = (await makeUnit(app.db, { countyId })).id;
  siteId = (await makeUnit(app.db, { countyId, kind: 'COMMUNITY_SITE' })).id;
  await makeFamilies(app.db, schoolId, 12);
  await makeFamilies(app.db, siteId, 2);
  // One family at the site answers the crisis-signs checklist with a sign that is urgent.
  const { crisis } = await publishedChecklists(app.db);
  const parent = await consentingParent(app, siteId);
  await app.caller(parent.user).checklists.submit({
    checklistId: crisis,
    childId: parent.childId,
    answers: await checklistAnswers(app.db, crisis, { c01: 1 }),
    shareWithSchool: false,
  });
}, 60_000);
afterAll(() => app.close());

async function federation() {
  return app.caller(await app.as((await makeStaff(app.db, 'FEDERATION', PROVINCE_ID)).id));
}

describe('a figure about one site, filters included', () => {
  it('the county’s dashboard filtered to its one guidance site withholds that site’s urgent result', async () => {
    const fed = await federation();
    const sites = await fed.reports.dashboard({ orgUnitId: countyId, year, siteKind: 'COMMUNITY_SITE' });
    const urgent = sites.checklistTiers.find((t) => t.tier === 'URGENT')!;
    expect(urgent.responses).toBeNull();
    // Complementary: the tiers add up to the site's results, so one more tier is withheld with it.
    expect(sites.checklistTiers.filter((t) => t.responses === null).length).toBeGreaterThanOrEqual(2);
    // The same county over all its schools and sites is a region: its figures are published whole.
    const all = await fed.reports.dashboard({ orgUnitId: countyId, year });
    expect(all.checklistTiers.find((t) => t.tier === 'URGENT')!.responses).toBe(1);
  });

  it('the county’s coverage filtered to its one site withholds the site’s 3 families; counts of sites stay', async () => {
    const fed = await federation();
    const sites = await fed.reports.coverage({ orgUnitId: countyId, year, siteKind: 'COMMUNITY_SITE' });
    expect(sites.total).toMatchObject({ families: null, guidanceSites: 1, activeGuidanceSites: 0, sessions: 0 });
    const all = await fed.reports.coverage({ orgUnitId: countyId, year });
    expect(all.total).toMatchObject({ families: 15 });
    // The site's 3 and the school's 12 are both withheld: 15 − 12 would give the 3 back.
    expect(all.rows.map((r) => [r.orgUnitId, r.families])).toEqual(
      expect.arrayContaining([
        [siteId, null],
        [schoolId, null],
      ]),
    );
  });

  it('a school asked for itself gives back nothing its county’s report hides', async () => {
    const fed = await federation();
    const own = await fed.reports.coverage({ orgUnitId: schoolId, year });
    // 12 families is not small, but the county's table withholds it to hide the site's 3.
    expect(own.total.families).toBeNull();
    const csv = (await fed.reports.coverageCsv({ orgUnitId: countyId, year })).content;
    expect(csv).not.toMatch(/,12,/);
    expect(csv).toContain('不公开');
  });
});

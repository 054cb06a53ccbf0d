import fs from 'node:fs';
import path from 'node:path';

const dist = path.resolve(__dirname, '..', '..', 'client', 'dist', 'weapp');

function sizeOf(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.size;
  return fs.readdirSync(p).reduce((sum, name) => sum + sizeOf(path.join(p, name)), 0);
}

it('the built weapp keeps its main package under WeChat’s 2 MB limit, with role pages in subpackages', () => {
  const app = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8'));
  const subRoots: string[] = (app.subPackages ?? app.subpackages ?? []).map((s: { root: string }) =>
    s.root.replace(/\/$/, ''),
  );
  expect(subRoots.length).toBeGreaterThan(0);
  // The main package holds only the home and login pages, and the crisis help card (which must open at once).
  expect(app.pages).toEqual(['pages/home/index', 'pages/login/index', 'pages/help/index']);
  const main = fs
    .readdirSync(dist)
    .filter((name) => !subRoots.includes(name))
    .reduce((sum, name) => sum + sizeOf(path.join(dist, name)), 0);
  expect(main).toBeLessThan(2 * 1024 * 1024);
  for (const root of subRoots) expect(sizeOf(path.join(dist, root))).toBeLessThan(2 * 1024 * 1024);
});

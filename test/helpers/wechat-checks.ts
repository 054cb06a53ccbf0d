/**
 * Runs WeChat's code-quality scan and WeChat's compiler (miniprogram-ci) over a built mini program, in a
 * process of its own: the compiler forks a helper and leaves handles open that would keep jest from
 * exiting. Usage: node --import tsx test/helpers/wechat-checks.ts <projectPath> <resultFile>
 * Writes { quality: [{name, success}], compiledFiles: string[] } to resultFile, then exits.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as ci from 'miniprogram-ci';

async function main(projectPath: string, resultFile: string) {
  const project = () =>
    new ci.Project({
      appid: 'wx0000000000000000',
      type: 'miniProgram',
      projectPath,
      // Never used: nothing is uploaded. The constructor requires a key.
      privateKey: 'offline',
      ignores: ['node_modules/**/*'],
    });
  const quality = (await ci.checkCodeQuality(project())) as { name: string; success: boolean }[];
  const p = project();
  // The compiler first asks WeChat's servers for the project's attributes: preset, it compiles locally.
  (p as unknown as { _attr: unknown })._attr = ci.DefaultProjectAttr;
  // The typings ask for an upload's `version`; compiling needs none.
  const compiled = (await ci.getCompiledResult({
    project: p,
    version: '0.0.0',
    setting: { es6: true, minify: true },
  })) as Record<string, unknown>;
  const result = {
    quality: quality.map(({ name, success }) => ({ name, success })),
    compiledFiles: Object.keys(compiled),
  };
  fs.writeFileSync(resultFile, JSON.stringify(result));
}

const [projectPath, resultFile] = process.argv.slice(2).map((p) => path.resolve(p));
// miniprogram-ci leaves a cache folder (named by a hash) in the working directory: not in the repository.
process.chdir(path.dirname(resultFile));
main(projectPath, resultFile).then(
  () => process.exit(0),
  (err: unknown) => {
    fs.writeFileSync(resultFile, JSON.stringify({ error: err instanceof Error ? err.message : String(err) }));
    process.exit(1);
  },
);

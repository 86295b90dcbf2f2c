// The process layering is enforced by `npm run lint`: a wrong import fails it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';
import { ROOT } from '../helpers/project.js';

async function lintAs(filePath: string, code: string): Promise<string[]> {
  const [result] = await new ESLint({ cwd: ROOT }).lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering lint rule', () => {
  it('rejects crossing imports and Node APIs where they do not belong', async () => {
    assert.equal((await lintAs('src-renderer/lib/x.ts', "import { a } from '../../src-main/app-paths.js';\nexport const b = a;\n")).length, 1);
    assert.equal((await lintAs('src-worker/x.ts', "import { a } from '../src-main/app-paths.js';\nexport const b = a;\n")).length, 1);
    assert.equal((await lintAs('src-main/x.ts', "import { a } from '../src-worker/main.js';\nexport const b = a;\n")).length, 1);
    assert.equal((await lintAs('src-shared/x.ts', "import { a } from '../src-main/app-paths.js';\nexport const b = a;\n")).length, 1);
    assert.equal((await lintAs('src-shared/x.ts', "import { readFile } from 'node:fs';\nexport const b = readFile;\n")).length, 1);
    // Components too: a .svelte file's script is held to the renderer's rule.
    assert.equal((await lintAs('src-renderer/components/X.svelte', "<script lang=\"ts\">\n  import { a } from '../../src-main/app-paths.js';\n</script>\n<p>{a}</p>\n")).length, 1);
  });

  it('allows every process to import src-shared', async () => {
    for (const file of ['src-renderer/lib/x.ts', 'src-main/x.ts', 'src-worker/x.ts']) {
      const depth = file.split('/').length - 1;
      assert.deepEqual(await lintAs(file, `import { UserError } from '${'../'.repeat(depth)}src-shared/user-error.js';\nexport const b = UserError;\n`), []);
    }
  });
});

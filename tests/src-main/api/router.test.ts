// Every call and event through the router, in process (the CLI's and the tests' transport), with
// the bad inputs a user can send: wrong types, unknown ids, paths never chosen, unknown calls.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CALL_NAMES, EVENT_NAMES } from '../../../src-shared/api/contract.js';
import { PathGrants } from '../../../src-main/api/path-grants.js';
import { exerciseEveryCall } from '../../helpers/api-scenario.js';
import { clipFolder, openTestLibrary, type TestLibrary } from '../../helpers/library.js';
import { tempDir } from '../../helpers/project.js';

describe('API through the router', () => {
  let dir: string;
  let library: TestLibrary;
  before(async () => {
    dir = tempDir('specula-router-');
    clipFolder(path.join(dir, 'mine'));
    library = await openTestLibrary(dir, { grants: PathGrants.within([path.join(dir, 'mine')]) });
    library.services.startWork();
  });
  after(() => library.close());

  it('answers every call and sends every event, refusing what a user must not do', async () => {
    const seen = await exerciseEveryCall(library.api, { clips: path.join(dir, 'mine', 'clips'), out: path.join(dir, 'mine', 'exports'), outside: tempDir('specula-elsewhere-'), packSource: path.join(dir, 'mine', 'pack-source') });
    assert.deepEqual([...CALL_NAMES].filter((name) => !seen.calls.has(name)), [], 'calls the scenario never made');
    assert.deepEqual([...EVENT_NAMES].filter((name) => !seen.events.has(name)), [], 'events the scenario never saw');
  });

  it('answers an unknown call, or no input where one is needed, with a typed error and no crash', async () => {
    const context = { grants: PathGrants.within([dir]) };
    assert.deepEqual(await library.router.call('dropTables', {}, context), { ok: false, error: { code: 'unknown-call', message: 'There is no call named "dropTables".' } });
    assert.deepEqual(await library.router.call('__proto__', {}, context), { ok: false, error: { code: 'unknown-call', message: 'There is no call named "__proto__".' } });
    const missing = await library.router.call('getClip', undefined, context);
    assert.equal(missing.ok, false);
    assert.equal(!missing.ok && missing.error.code, 'invalid-input');
    const extra = await library.router.call('getQueue', { sneaky: true }, context);
    assert.equal(!extra.ok && extra.error.code, 'invalid-input');
    assert.equal((await library.router.call('getLibraryInfo', {}, context)).ok, true, 'the router still answers');
  });
});

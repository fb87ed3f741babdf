import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { patchUse, type PatchUse } from '../../client/patches';
import { ALL_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { ASKS_NO_PATCH_SINCE, PATCHES } from '../../workflows/patches';
import { createDevServerEnv, uniqueName } from '../setup/servers';
import { eventually, waitForStage } from '../support/flow';
import { CLERK, createWorld, UNIT, type World } from '../support/world';

const root = path.resolve(__dirname, '../..');

/** Workflow code, without the frozen release 0.1.0 (which asks no patch). */
function workflowSources(): string {
  const dir = path.join(root, 'workflows');
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.includes('v0-1'))
    .map((file) => fs.readFileSync(path.join(dir, file), 'utf8'))
    .join('\n');
}

describe('the patch register', () => {
  it('names every patch workflow code asks, and workflow code asks every patch it names', () => {
    const code = workflowSources();
    assert.doesNotMatch(code, /patched\('/, 'patches are named from the register, not written out');
    const asked = new Set(
      [
        ...code.matchAll(
          /(?:(?:patched|deprecatePatch)\(PATCHES\.(\w+)\.id\)|takesPatch\(state, PATCHES\.(\w+)\))/g,
        ),
      ].map((m) => m[1] ?? m[2]),
    );
    assert.deepEqual([...asked].sort(), Object.keys(PATCHES).sort());
    const versioning = fs.readFileSync(path.join(root, 'docs/versioning.md'), 'utf8');
    for (const patch of Object.values(PATCHES)) assert.ok(versioning.includes(`\`${patch.id}\``), patch.id);
  });
});

describe('which patches running workflows still need, from visibility', () => {
  let env: TestWorkflowEnvironment;
  let world: World;
  before(async function () {
    this.timeout(120_000);
    env = await createDevServerEnv({ server: { searchAttributes: ALL_SEARCH_ATTRIBUTES } });
    world = await createWorld(env);
  });
  after(async () => {
    await world?.close();
    await env?.teardown();
  });

  const use = async (id: string, deployed: Record<string, Date> = {}): Promise<PatchUse> =>
    (await patchUse(world.temporal, deployed)).find((u) => u.patch.id === id)!;

  it('counts a workflow started on the old code as needing it until it closes, and one on the new path not', async function () {
    this.timeout(120_000);
    // A workflow of a release before 0.2.0, on a queue no worker polls any more: it carries no patch.
    const old = await world.temporal.workflow.start('cardApplication', {
      workflowId: uniqueName('old-release'),
      taskQueue: uniqueName('retired-workers'),
      args: [{}],
    });
    const noPatchesSince = new Date();
    // Without a phone number the audit holds it for an operator: it keeps running on the new code, which asks no
    // patch (its input names its release).
    const { phone: _phone, ...applicant } = world.people[0]!;
    const { applicationId } = await world.client.applications.submit({ unitId: UNIT._id, applicant }, CLERK);
    await waitForStage(world, applicationId, 'awaiting_review');

    const undated = await eventually(
      () => use(PATCHES.recordsV2.id),
      (u) => u.running === 2,
      'visibility to hold both',
    );
    // Neither carries the marker: which one started before 0.9.0 is for us to say.
    assert.deepEqual([undated.mayNeedOldPath, undated.verdict], [2, 'unknown']);
    const dated = { [ASKS_NO_PATCH_SINCE.cardApplication!]: noPatchesSince };
    const needed = await use(PATCHES.recordsV2.id, dated);
    assert.equal(needed.mayNeedOldPath, 1, 'the workflow of the old release');
    assert.equal(needed.verdict, 'needed');
    // A patch on a rare path nobody took: which of the two started before its release came is for us to say.
    const rare = PATCHES.withdrawalCompensations;
    assert.equal((await use(rare.id)).verdict, 'unknown');
    const deployedLongAgo = await use(rare.id, { [rare.release]: new Date('2026-01-01') });
    assert.deepEqual([deployedLongAgo.mayNeedOldPath, deployedLongAgo.verdict], [0, 'can_deprecate']);
    const deployedJustNow = await use(rare.id, { [rare.release]: new Date(Date.now() + 1000) });
    assert.deepEqual([deployedJustNow.mayNeedOldPath, deployedJustNow.verdict], [2, 'needed']);

    await old.terminate('the old release is gone');
    const done = await eventually(
      () => use(PATCHES.recordsV2.id, dated),
      (u) => u.running === 1,
      'the old workflow to close',
    );
    assert.equal(done.mayNeedOldPath, 0);
    assert.equal(done.verdict, 'can_deprecate');
  });
});

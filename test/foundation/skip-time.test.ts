import assert from 'node:assert/strict';
import { skipTime } from '../support/flow';
import { oneServerPerSuite } from '../support/world';

describe('skipping workflow time in tests', () => {
  const world = oneServerPerSuite();

  it('releases a clock lock the test server kept with nothing outstanding, and skips on', async function () {
    this.timeout(60_000);
    // As the test server leaves one when a task of a run that just continued as new completes too late.
    await world.env.connection.testService!.lockTimeSkipping({});
    const before = await world.env.currentTimeMs();
    // Looked into after 2 s instead of 20, the patience of ordinary skips.
    await skipTime(world, '1 day', { stallMs: 2_000, realMs: 30_000 });
    assert.ok((await world.env.currentTimeMs()) - before >= 86_400_000, 'a day of workflow time went by');
  });
});

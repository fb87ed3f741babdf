import assert from 'node:assert/strict';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import fs from 'node:fs';
import path from 'node:path';
import { dataConverterFor } from '../crypto/data-converter';
import { TEST_KEYRING, workflowBundle } from './support/world';

const dir = path.join(__dirname, 'histories');

describe('replay of recorded histories', () => {
  const files = fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { recursive: true, encoding: 'utf8' })
        // Retired: the histories of a deleted old path, which no running workflow is on (docs/versioning.md).
        .filter((f) => f.endsWith('.json') && !f.startsWith('retired'))
        .sort()
    : [];

  it('has recorded histories of the main paths to replay', () => {
    assert.ok(
      files.length >= 5,
      `only ${files.length} histories in test/histories: run npm run record-histories`,
    );
  });

  it("replays every recorded history with today's workflow code without a non-determinism error", async () => {
    const histories = files.map((file) => ({
      workflowId: file,
      history: historyFromJSON(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'))),
    }));
    const results = Worker.runReplayHistories(
      { workflowBundle: await workflowBundle(), dataConverter: dataConverterFor(TEST_KEYRING, 'worker') },
      histories,
    );
    const failures: string[] = [];
    for await (const result of results)
      if (result.error) failures.push(`${result.workflowId}: ${String(result.error)}`);
    assert.deepEqual(failures, []);
  });
});

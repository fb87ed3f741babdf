// A card's use as the partners' reports move it, on its own: six wrong PINs lock the card, an unlock starts the
// count again, and a report a partner resends late (Standard Webhooks retry for hours) of a wrong PIN or a lock
// from before the unlock changes nothing.
import assert from 'node:assert/strict';
import {
  afterReport,
  afterUnlock,
  type CardUse,
  PIN_TRIES,
  SEALED_USE,
  type UseEvent,
} from '../../domain/card-use';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 7, 2, minute)).toISOString();
let sent = 0;
const report = (event: UseEvent, minute: number) => ({
  reportId: `msg-${++sent}`,
  event,
  where: 'terminal' as const,
  at: at(minute),
});

/** A card locked by six wrong PINs at minutes 1 to 6, and the terminal's own report of the lock at minute 6. */
function locked(): { use: CardUse; lockReport: ReturnType<typeof report> } {
  let use = SEALED_USE;
  for (let minute = 1; minute <= PIN_TRIES; minute++) use = afterReport(use, report('pin_failed', minute));
  return { use, lockReport: report('locked', 6) };
}

describe('card use', () => {
  it('locks at the sixth wrong PIN, and an unlock starts the count again', () => {
    const { use } = locked();
    assert.equal(use.lockedAt, at(6));
    const unlocked = afterUnlock(use, at(30));
    assert.equal(unlocked.lockedAt, undefined);
    assert.equal(unlocked.pinFailures, 0);
    const again = afterReport(unlocked, report('pin_failed', 31));
    assert.equal(again.pinFailures, 1);
  });

  it('takes no wrong PIN or lock that happened before the last unlock, though its report arrives after it', () => {
    const { use, lockReport } = locked();
    const unlocked = afterUnlock(use, at(30));
    const late = afterReport(afterReport(unlocked, lockReport), report('pin_failed', 5));
    assert.equal(late.lockedAt, undefined, 'the lock the counter lifted stays lifted');
    assert.equal(late.pinFailures, 0);
    assert.ok(
      late.reports.includes(lockReport.reportId),
      'taken once all the same: a resend changes nothing',
    );
    // A lock after the unlock is a lock.
    assert.equal(afterReport(late, report('locked', 40)).lockedAt, at(40));
  });

  it('takes a resent report once', () => {
    const first = report('pin_failed', 1);
    const once = afterReport(SEALED_USE, first);
    assert.equal(afterReport(once, first), once);
  });
});

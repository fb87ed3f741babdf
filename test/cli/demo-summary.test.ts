// The table `npm start`'s demo ends with, as a terminal shows it: lines wider than the screen wrap.
import assert from 'node:assert/strict';
import type { ApplicationStatus } from '../../domain/status';
import { demoSummary } from '../../scripts/demo/summary';

/** What a terminal `width` columns wide shows: each line cut into screen lines (the summary is ASCII). */
const onScreen = (text: string, width: number): string[] =>
  text.split('\n').flatMap((line) => line.match(new RegExp(`.{1,${width}}`, 'gu')) ?? ['']);

function status(
  stage: ApplicationStatus['stage'],
  used: number,
  returns = 0,
  mode: ApplicationStatus['mode'] = 'sporadic',
): ApplicationStatus {
  return {
    applicationId: 'A3d20bf603719494ca37a',
    unitId: '91330106MA2H0001',
    mode,
    lane: mode,
    stage,
    history: [],
    deadline: {
      dueAt: '2026-12-11T16:00:00.000Z',
      warnAt: '2026-12-10T16:00:00.000Z',
      sla: 'met',
      provisional: false,
      workingDaysTotal: 5,
      workingDaysUsed: used,
      workingDaysLeft: 5 - used,
      paused: false,
    },
    returnCount: returns,
    returns: [],
    expedited: false,
    escalations: [],
    printAttempts: 0,
    auditFlags: [],
  };
}

describe('the demo’s summary', () => {
  it('shows each application’s lane, working days used and card’s last valid day under their headings, on a terminal of 80 or 120 columns', () => {
    // The cases as the demo labels them, the longest among them.
    const text = demoSummary([
      {
        applicationId: 'A020c12e9fbe6444ca9f0',
        label: 'issued, then reported lost (card suspended until 2026-12-11)',
        status: status('issued', 0),
        validUntil: '2036-12-05',
      },
      {
        applicationId: 'A767aa0c1fc034891bde4',
        label: 'name mismatch → corrected',
        status: status('awaiting_collection', 2, 1),
        validUntil: 'replaced',
      },
      {
        applicationId: 'Ab51074c802b0434ea7ab',
        label: 'replaces card C48de4f0a1830474ba202',
        status: {
          ...status('awaiting_collection', 1),
          fee: {
            policyId: 'national-fees',
            reason: 'loss_replacement',
            amountFen: 2000,
            dueFen: 2000,
            exemptions: [],
            payment: { chargeId: 'Ab51074c802b0434ea7ab-F1', status: 'paid', paidAt: '2026-12-06T09:00:02Z' },
          },
        },
        validUntil: '2036-12-06',
      },
      {
        applicationId: 'A5c0e7d21b9a34f6e8d10',
        label: 'made at counter 330106-HALL-01 while waiting (BK00000417)',
        status: status('issued', 0, 0, 'instant'),
      },
      {
        applicationId: 'A8d2c4e6f0a1b3c5d7e91',
        label: 'a child of 9 to 12',
        status: { ...status('issued', 1), guardian: { relation: 'other_legal_guardian' } },
        validUntil: 'no expiry',
      },
      {
        applicationId: 'A9e41c07d2b5a3f8c6e22',
        label: 'instant, handed over to sporadic: PRINTER_JAMMED: the printer jammed',
        status: { ...status('awaiting_collection', 1, 0, 'instant'), lane: 'sporadic' },
      },
      {
        applicationId: 'A41f0d9c2e7b8a6354c11',
        label: 'applied online with the agency photo',
        status: {
          ...status('issued', 3, 0, 'online'),
          delivery: {
            parcelId: 'A41f0d9c2e7b8a6354c11-D1',
            trackingNumber: 'SF123456789012',
            status: 'delivered',
            failedAttempts: 0,
          },
        },
      },
    ]);
    assert.match(text, /applied online with the agency photo: parcel SF123456789012 delivered$/m);
    assert.match(text, /replaces card C48de4f0a1830474ba202: fee ¥20\.00 paid$/m);
    assert.match(text, /a child of 9 to 12: applied for by the guardian \(other legal guardian\)$/m);
    const returned = demoSummary([
      {
        applicationId: 'A41f0d9c2e7b8a6354c12',
        label: 'applied online',
        status: {
          ...status('awaiting_collection', 3, 0, 'online'),
          delivery: {
            parcelId: 'A41f0d9c2e7b8a6354c12-D1',
            trackingNumber: 'SF123456789013',
            status: 'returned',
            failedAttempts: 3,
            returnedTo: '330106-HALL-01',
          },
        },
      },
    ]);
    assert.match(
      returned,
      /applied online: parcel SF123456789013 returned to 330106-HALL-01 after 3 failed attempts$/m,
    );
    for (const width of [80, 120]) {
      const screen = onScreen(text, width);
      const heading = screen[0]!.indexOf('working days used');
      assert.ok(
        heading >= 0,
        `the heading is whole on the first screen line at ${width} columns:\n${screen.join('\n')}`,
      );
      const under = heading + 'working days used'.length - 1; // numbers are right-aligned
      const rows = screen.filter((line) => /^A\w{20} /.test(line));
      assert.deepEqual(
        rows.map((line) => line[under]),
        ['0', '2', '1', '0', '1', '1', '3'],
        `at ${width} columns:\n${screen.join('\n')}`,
      );
      const lane = screen[0]!.indexOf('lane');
      assert.deepEqual(
        rows.map((line) => line.slice(lane).split(' ')[0]),
        ['sporadic', 'sporadic', 'sporadic', 'instant', 'sporadic', 'sporadic', 'online'],
        `at ${width} columns:\n${screen.join('\n')}`,
      );
      // The last valid day: past 80 columns, on the next screen line, but whole and under its heading there, as the
      // heading and the rows (all longer than the screen) wrap at the same column.
      const lines = text.split('\n');
      const valid = lines[0]!.indexOf('valid until');
      const end = valid + 'valid until'.length - 1;
      assert.equal(
        Math.floor(valid / width),
        Math.floor(end / width),
        `the heading whole at ${width} columns`,
      );
      assert.deepEqual(
        lines.filter((line) => /^A\w{20} /.test(line)).map((line) => line.slice(valid, end + 1).trim()),
        ['2036-12-05', 'replaced', '2036-12-06', '', 'no expiry', '', ''],
        `at ${width} columns:\n${screen.join('\n')}`,
      );
    }
  });
});

// Minors and their guardians over HTTP: a unit's backend submits a minor's application with the guardian, one by one
// or as a batch's row; the refusals carry their code and write nothing, and the application's status says who the
// guardian is to the minor, never who they are.
import assert from 'node:assert/strict';
import type { Applicant, Guardian } from '../../domain/applicant';
import { addCalendarDays, shanghaiDate } from '../../domain/calendar/shanghai-time';
import { makeResidentId } from '../../domain/resident-id';
import type { ApplicationStatus } from '../../domain/status';
import type { BatchReceipt } from '../../client/batches';
import { samplePhoto } from '../../scripts/tools/sample-photo';
import { eventually, waitFor } from '../support/flow';
import { UNIT } from '../support/world';
import { apiWorldForSuite, uniqueKey } from './support';

const birthDateOf = (residentId: string): string =>
  `${residentId.slice(6, 10)}-${residentId.slice(10, 12)}-${residentId.slice(12, 14)}`;

/** Someone `years` old today, on the API's clock (the dev server's is the real one). */
function bornYearsAgo(years: number, sequence: number): Applicant {
  const today = shanghaiDate(new Date());
  const birthDate = addCalendarDays(`${Number(today.slice(0, 4)) - years}-${today.slice(5, 7)}-01`, -1);
  return { residentId: makeResidentId({ regionCode: '330102', birthDate, sequence }), name: '李小红' };
}

describe('minors and their guardians over HTTP', () => {
  const t = apiWorldForSuite();

  const submit = (applicant: Applicant) =>
    t.call<{ applicationId: string }>('clerk', 'POST', '/v1/applications', {
      body: { unitId: UNIT._id, applicant },
      idempotencyKey: uniqueKey(),
    });

  it('refuses a minor without a guardian, a guardian who is the minor or a minor, and a guardian for an adult, each with its code', async () => {
    const parent = t.world.people[0]!;
    const guardian: Guardian = {
      residentId: parent.residentId,
      name: parent.name,
      phone: parent.phone!,
      relation: 'father',
      householdRegister: '330102-000817',
    };
    const child = bornYearsAgo(9, 201);
    const youth = bornYearsAgo(15, 202);
    const refusals: [Applicant, string][] = [
      [child, 'GUARDIAN_REQUIRED'],
      [{ ...child, guardian: { ...guardian, residentId: child.residentId } }, 'GUARDIAN_IS_APPLICANT'],
      [{ ...child, guardian: { ...guardian, residentId: youth.residentId } }, 'GUARDIAN_NOT_ADULT'],
      [{ ...t.world.people[1]!, guardian }, 'GUARDIAN_FOR_ADULT'],
      [
        { ...child, guardian: { ...guardian, relation: 'uncle' as Guardian['relation'] } },
        'VALIDATION_FAILED',
      ],
    ];
    for (const [applicant, code] of refusals) {
      const answer = await submit(applicant);
      assert.equal(answer.body.error?.code, code, JSON.stringify(answer.body));
      assert.equal(answer.status, code === 'VALIDATION_FAILED' ? 400 : 422);
      for (const secret of [parent.residentId, parent.name, parent.phone!, child.residentId])
        assert.ok(
          !JSON.stringify(answer.body.error?.message ?? '').includes(secret),
          'the message names no one',
        );
    }
    assert.equal(await t.world.db.collection('applications').countDocuments({}), 0, 'nothing written');

    // A batch's row for a minor without a guardian is invalid; the guardian's row is staged.
    const batch = await t.call<BatchReceipt>('clerk', 'POST', '/v1/batches', {
      body: {
        unitId: UNIT._id,
        applicants: [
          child,
          {
            ...youth,
            guardianResidentId: guardian.residentId,
            guardianName: guardian.name,
            guardianPhone: guardian.phone,
            guardianRelation: guardian.relation,
            guardianHouseholdRegister: guardian.householdRegister,
          },
        ],
      },
      idempotencyKey: uniqueKey(),
    });
    assert.equal(batch.status, 202, JSON.stringify(batch.body));
    assert.deepEqual(
      batch.body.invalid.map((row) => [row.rowNo, row.code]),
      [[1, 'GUARDIAN_REQUIRED']],
    );
    assert.equal(batch.body.staged, 1);
  });

  it('refuses a child’s own online application before the code is used up, keeping nothing', async () => {
    const child = { ...bornYearsAgo(11, 204), phone: '13912345604' };
    await t.world.sims.registerPeople([{ ...child, birthDate: birthDateOf(child.residentId) }]);
    await t.call(null, 'POST', '/v1/online/code', { body: { residentId: child.residentId } });
    const [sms] = await eventually(
      () => t.world.sims.notifier.messages.find({ to: child.phone, template: 'online_code' }).toArray(),
      (m) => m.length === 1,
      'the code by SMS',
    );
    const counts = async () =>
      Promise.all(['applications', 'photos'].map((c) => t.world.db.collection(c).countDocuments()));
    const before = await counts();
    const body = {
      residentId: child.residentId,
      code: sms!.params.code,
      address: {
        region: '330106',
        line: '文三路 90 号 3 幢',
        recipientName: child.name,
        recipientPhone: child.phone,
      },
      photoJpegBase64: (await samplePhoto()).toString('base64'),
    };
    const refused = await t.call(null, 'POST', '/v1/online/applications', { body });
    assert.equal(refused.status, 422, JSON.stringify(refused.body));
    assert.equal(refused.body.error?.code, 'GUARDIAN_REQUIRED');
    assert.deepEqual(await counts(), before, 'no application and no photo kept');
  });

  it('shows the guardian’s relation on a minor’s application, and nothing that names the guardian', async () => {
    const mother = t.world.people[2]!;
    const child: Applicant = {
      ...bornYearsAgo(12, 203),
      photoId: 'PH0000000203',
      guardian: {
        residentId: mother.residentId,
        name: mother.name,
        phone: mother.phone!,
        relation: 'mother',
        householdRegister: '330102-000818',
      },
    };
    const submitted = await submit(child);
    assert.equal(submitted.status, 201, JSON.stringify(submitted.body));
    const { applicationId } = submitted.body;
    await waitFor(t.world, applicationId, (s) => s.stage !== 'accepted', 'the acceptance');
    const shown = await t.call<ApplicationStatus>('operator', 'GET', `/v1/applications/${applicationId}`);
    assert.equal(shown.status, 200);
    assert.deepEqual(shown.body.guardian, { relation: 'mother' });
    const text = JSON.stringify(shown.body);
    for (const secret of [mother.residentId, mother.name, mother.phone!, '330102-000818'])
      assert.ok(!text.includes(secret), 'the status names no guardian');
  });
});

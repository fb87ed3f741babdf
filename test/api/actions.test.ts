// Every action people take is described once (domain/actions): these tests hold the route, the API reference, the
// permission table, the command line and the console's list to the description.
import assert from 'node:assert/strict';
import { ALL_ACTIONS, rolesOf, type Words } from '../../domain/actions';
import { APPLICATION_ACTIONS, registerCollection, review } from '../../domain/actions/applications';
import type { Field } from '../../domain/actions/define';
import type { Action as Permission } from '../../domain/permissions';
import { COMMANDS } from '../../cli/main';
import type { RecordDoc } from '../../domain/documents/records';
import { apiWorldForSuite, flaggedApplication } from './support';

type Operation = {
  operationId: string;
  'x-sscard-roles'?: string[];
  requestBody?: {
    content: { 'application/json': { schema: { properties?: Record<string, unknown> }; example?: unknown } };
  };
};

describe('actions described once', () => {
  const t = apiWorldForSuite();

  it('each has its route and API reference entry, with the roles of the permission table and the body of its schema', async () => {
    const doc = (
      await t.call<{ paths: Record<string, Record<string, Operation>> }>(null, 'GET', '/openapi.json')
    ).body;
    for (const action of ALL_ACTIONS) {
      const operation = doc.paths[`/v1/${action.target}s/{id}/${action.path}`]?.post;
      assert.ok(operation, `${action.operationId} has its route`);
      assert.equal(operation.operationId, action.operationId);
      assert.deepEqual(operation['x-sscard-roles'], [...rolesOf(action)]);
      const fields = Object.keys(operation.requestBody?.content['application/json'].schema.properties ?? {});
      assert.deepEqual(fields.sort(), Object.keys(action.body.shape).sort(), action.operationId);
      // Its sample is a body its schema takes, and the reference shows it.
      assert.ok(action.body.safeParse(action.sample).success, `${action.operationId}'s sample`);
      assert.deepEqual(operation.requestBody?.content['application/json'].example, action.sample);
    }
  });

  it('each has its command, taking every field of its body: an option, a choice of flags, or a file', () => {
    for (const action of ALL_ACTIONS) {
      const command = COMMANDS.find((c) => c.name === action.command);
      assert.ok(command, `sscard ${action.command}`);
      const words: Record<string, Field | undefined> = action.fields ?? {};
      for (const name of Object.keys(action.body.shape)) {
        const field = words[name];
        const taken = field?.file
          ? command.args.includes(field.file)
          : field?.flags
            ? Object.keys(field.flags).every((flag) => flag in command.options)
            : (field?.option ?? name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)) in command.options;
        assert.ok(taken, `sscard ${action.command} takes ${name}`);
      }
    }
  });

  it('the console is offered the actions of the caller’s role, with their buttons', async () => {
    const offered = async (as: 'clerk' | 'operator' | 'supervisor') =>
      (await t.call<{ actions: { permission: Permission }[] }>(as, 'GET', '/v1/actions')).body.actions.map(
        (a) => a.permission,
      );
    const cardActions = (role: string) =>
      ALL_ACTIONS.filter((a) => a.target === 'card' && rolesOf(a).includes(role as never)).map(
        (a) => a.permission,
      );
    assert.deepEqual(
      (await offered('operator')).filter((p) => cardActions('operator').includes(p)),
      ['report_card_loss', 'lift_card_loss', 'unlock_card'],
    );
    assert.ok((await offered('supervisor')).includes('cancel_card'));
    assert.ok(!(await offered('clerk')).some((p) => p.includes('card')), 'loss reports are the center’s');
  });

  it('the console is offered each action’s words: its fields’, and each button’s with the fields it asks for', async () => {
    type Offered = {
      target: string;
      path: string;
      label: Words;
      done: Words;
      fields: (Words & { name: string })[];
      required: string[];
      presets: { words: Words; body: Record<string, unknown>; fields: string[]; required: string[] }[];
    };
    const offered = async (as: 'clerk' | 'operator') =>
      (await t.call<{ actions: Offered[] }>(as, 'GET', '/v1/actions')).body.actions;
    for (const action of await offered('operator')) {
      const described = ALL_ACTIONS.find((a) => a.target === action.target && a.path === action.path)!;
      assert.deepEqual([action.label, action.done], [described.label, described.done]);
      const words: Record<string, Field | undefined> = described.fields ?? {};
      assert.deepEqual(
        action.fields.map(({ name, en, zh }) => [name, en, zh]),
        Object.keys(described.body.shape).map((name) => [name, words[name]?.en, words[name]?.zh]),
        `${described.operationId} names every field in both languages`,
      );
    }
    const reviewing = (await offered('operator')).find((a) => a.path === review.path)!;
    const asked = Object.fromEntries(
      reviewing.presets.map((p) => [p.body.decision as string, [p.fields, p.required]]),
    );
    assert.deepEqual(asked, {
      approve: [[], []],
      override: [['note'], ['note']],
      reject: [['note'], ['note']],
      return: [['reasons', 'note'], ['reasons']],
    });
    const collecting = (await offered('clerk')).find((a) => a.path === registerCollection.path)!;
    assert.deepEqual(collecting.required, ['collectedBy', 'relation', 'receivedOn', 'place']);
    assert.deepEqual(
      (await offered('clerk')).filter((a) => a.target === 'application').map((a) => a.path),
      APPLICATION_ACTIONS.filter((a) => rolesOf(a).includes('unit_clerk')).map((a) => a.path),
      'a unit’s clerk is offered their own',
    );
  });

  it('refuses a body its schema refuses before anything is asked of the card', async () => {
    const refused = await t.call('operator', 'POST', '/v1/cards/C-not-there/loss-report', {
      body: { kind: 'formal', channel: 'phone' },
    });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error?.code, 'VALIDATION_FAILED');
    assert.match(refused.body.error?.message ?? '', /formal loss report is made at a counter/);
    const agentUnnamed = await t.call(
      'operator',
      'POST',
      '/v1/applications/A0000000000000000000/collection',
      {
        body: { collectedBy: '张三', relation: 'family', receivedOn: '2026-12-01', place: 'hall' },
      },
    );
    assert.equal(agentUnnamed.body.error?.code, 'VALIDATION_FAILED');
    assert.match(agentUnnamed.body.error?.message ?? '', /agent's resident ID number, unless the holder/);
    const unknown = await t.call('operator', 'POST', '/v1/cards/C-not-there/loss-report', {
      body: { kind: 'temporary', channel: 'phone' },
    });
    assert.equal(unknown.body.error?.code, 'CARD_NOT_FOUND');
  });

  // The note is the action its description alone made (docs/actions.md): a row in the workflow's table, a word for
  // the timeline, a permission. Its route, command and checks come from the description.
  it('a note is kept in the timeline and the record with who wrote it, and is refused where its writer may not', async () => {
    const id = await flaggedApplication(t, 0);
    const note = (as: 'clerk' | 'otherClerk' | 'operator', text: string) =>
      t.call<{ history: { action?: string; note?: string; actor: { id: string } }[] }>(
        as,
        'POST',
        `/v1/applications/${id}/notes`,
        { body: { note: text } },
      );

    const taken = await note('clerk', 'applicant phoned: collects on Tuesday');
    assert.equal(taken.status, 200, JSON.stringify(taken.body));
    const step = taken.body.history.at(-1);
    assert.equal(step?.action, 'noted');
    assert.equal(step?.note, 'applicant phoned: collects on Tuesday');
    assert.equal(step?.actor.id, 'clerk-01');

    assert.equal((await note('otherClerk', 'not ours')).body.error?.code, 'NOT_YOUR_UNIT');
    const blank = await note('operator', '   ');
    assert.equal(blank.status, 400);
    assert.equal(blank.body.error?.code, 'VALIDATION_FAILED');

    const records = t.world.db.collection<RecordDoc>('application_records');
    const trail = async () => Object.values((await records.findOne({ _id: id }))?.trail ?? {});
    for (let i = 0; i < 50 && !(await trail()).some((e) => e.action === 'noted'); i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const kept = (await trail()).filter((e) => e.action === 'noted');
    assert.deepEqual(
      kept.map((e) => [e.note, e.actor.id]),
      [['applicant phoned: collects on Tuesday', 'clerk-01']],
    );
  });
});

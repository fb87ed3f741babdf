// Every action people take is described once (domain/actions): these tests hold the route, the API reference, the
// permission table, the command line and the console's list to the description.
import assert from 'node:assert/strict';
import { ALL_ACTIONS, rolesOf } from '../../domain/actions';
import type { Field } from '../../domain/actions/define';
import type { Action as Permission } from '../../domain/permissions';
import { COMMANDS } from '../../cli/main';
import { type ApiWorld, apiWorldForSuite } from './support';

type Operation = {
  operationId: string;
  'x-sscard-roles'?: string[];
  requestBody?: { content: { 'application/json': { schema: { properties?: Record<string, unknown> } } } };
};

describe('actions described once', () => {
  const world = apiWorldForSuite();
  let t: ApiWorld;
  before(() => (t = world()));

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
      ['report_card_loss', 'lift_card_loss'],
    );
    assert.ok((await offered('supervisor')).includes('cancel_card'));
    assert.ok(!(await offered('clerk')).some((p) => p.includes('card')), 'loss reports are the center’s');
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
});

// Standard Webhooks signatures of partner callbacks, checked without a server: interoperability with the
// library a partner would use, secret rotation, several signatures in one header, and who signed.
import assert from 'node:assert/strict';
import { Webhook } from 'standardwebhooks';
import { SscardError } from '../../domain/errors';
import { signCallback, verifyCallback } from '../../api/signatures';

const OLD = 'the-old-manufacturer-secret';
const NEW = `whsec_${Buffer.from('the-new-manufacturer-secret-2026').toString('base64')}`;
const BANK = 'the-bank-secret-0123456789';
const body = Buffer.from(JSON.stringify({ orderId: 'o-1', outcome: 'failed' }));

const refusal = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    if (error instanceof SscardError) return error.code;
    throw error;
  }
  return 'accepted';
};

describe('partner callback signatures (Standard Webhooks)', () => {
  it('signs what the standard library verifies, and verifies what the library signs', () => {
    const headers = signCallback(NEW, body, { id: 'msg_1' });
    assert.deepEqual(new Webhook(NEW).verify(body, headers), JSON.parse(body.toString()));
    const at = new Date(Math.floor(Date.now() / 1000) * 1000);
    const theirs = {
      'webhook-id': 'msg_2',
      'webhook-timestamp': String(at.getTime() / 1000),
      'webhook-signature': new Webhook(NEW).sign('msg_2', at, body),
    };
    const verified = verifyCallback(theirs, body, { 'card-manufacturer': [NEW] });
    assert.equal(verified.partner.id, 'card-manufacturer');
    assert.equal(verified.replayKey, 'card-manufacturer:msg_2');
  });

  it('accepts every active secret of a partner while one is rotated, and none once it is removed', () => {
    const rotating = { 'card-manufacturer': [NEW, OLD], 'cooperative-bank': [BANK] };
    const signedOld = signCallback(OLD, body);
    assert.equal(verifyCallback(signedOld, body, rotating).partner.id, 'card-manufacturer');
    assert.equal(verifyCallback(signCallback(NEW, body), body, rotating).partner.id, 'card-manufacturer');
    const rotated = { 'card-manufacturer': [NEW], 'cooperative-bank': [BANK] };
    assert.equal(
      refusal(() => verifyCallback(signedOld, body, rotated)),
      'SIGNATURE_INVALID',
    );
  });

  it('takes a header with several signatures when one of them is valid, and tells who signed', () => {
    const secrets = { 'card-manufacturer': [NEW], 'cooperative-bank': [BANK] };
    const signed = signCallback(BANK, body, { id: 'msg_3' });
    const forged = signCallback('not-anyones-secret-000', body, { id: 'msg_3' })['webhook-signature'];
    const both = { ...signed, 'webhook-signature': `${forged} ${signed['webhook-signature']}` };
    assert.equal(verifyCallback(both, body, secrets).partner.id, 'cooperative-bank');
    assert.equal(
      refusal(() => verifyCallback({ ...signed, 'webhook-signature': forged! }, body, secrets)),
      'SIGNATURE_INVALID',
    );
    // The ID is signed too: the same signature under another message ID is no signature.
    assert.equal(
      refusal(() => verifyCallback({ ...signed, 'webhook-id': 'msg_4' }, body, secrets)),
      'SIGNATURE_INVALID',
    );
  });

  it("judges staleness by the API's clock, not the machine's", () => {
    const secrets = { 'card-manufacturer': [NEW] };
    const then = new Date('2026-03-02T08:00:00Z');
    const signed = signCallback(NEW, body, { now: then });
    assert.equal(
      verifyCallback(signed, body, secrets, new Date(then.getTime() + 299_000)).partner.id,
      'card-manufacturer',
    );
    assert.equal(
      refusal(() => verifyCallback(signed, body, secrets, new Date(then.getTime() + 301_000))),
      'SIGNATURE_STALE',
    );
  });
});

// The hand-over of printed cards from the manufacturer to the cooperative bank: the bank's receipts, recorded for
// step 6, which binds a card's account only once its receipt is in (activities/bank.ts).
import { type Actor, PARTNER_ACCOUNTS } from '../domain/actors';
import { SscardError } from '../domain/errors';
import { cardReceiptSchema } from '../domain/messages';
import type { HandOverPort } from '../store/ports/client';
import type { ClientDeps } from './applications';
import { authorize } from './applications';
import { parseOrThrow } from './errors';

export interface BankReceiptResult {
  shipmentId: string;
  /** Chips whose arrival this receipt recorded. */
  recorded: number;
  /** Chips recorded by an earlier receipt (a resend changes nothing). */
  alreadyRecorded: number;
}

export function createHandOverClient({ stores }: ClientDeps<HandOverPort>) {
  return {
    async receiveAtBank(body: unknown, actor: Actor): Promise<BankReceiptResult> {
      authorize(actor, 'report_partner_result');
      if (actor.id !== PARTNER_ACCOUNTS.bank.id)
        throw new SscardError('ROLE_NOT_ALLOWED', 'only the cooperative bank confirms receipt of cards');
      const receipt = parseOrThrow(cardReceiptSchema, body);
      const recorded = await stores.bankReceipts.record(receipt);
      const chips = new Set(receipt.chipIds).size;
      return { shipmentId: receipt.shipmentId, recorded, alreadyRecorded: chips - recorded };
    },
  };
}

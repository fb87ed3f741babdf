// The national electronic social security card platform, simulated: keeps each person's electronic card bound to a
// physical card, with its status. Each request key gets one answer, however often it is asked.
import type { Db } from 'mongodb';
import { isDuplicateKey, updateOrInsert } from '../../store/mongo';
import type { ECardPlatform, ECardStatus, ECardStatusRequest } from '../ports';
import { Behaviour } from './behaviour';

interface ECardDoc {
  _id: string; // the physical card number
  residentId: string;
  status: ECardStatus;
  changes: number;
}

export class ECardSimulator implements ECardPlatform {
  readonly behaviour: Behaviour;
  readonly cards;
  private readonly answers;

  constructor(db: Db) {
    this.behaviour = new Behaviour('ecard');
    this.cards = db.collection<ECardDoc>('ecard_cards');
    this.answers = db.collection<{ _id: string; status: ECardStatus }>('ecard_answers');
  }

  async setStatus(request: ECardStatusRequest): Promise<{ status: ECardStatus }> {
    await this.behaviour.enter('setStatus');
    const answered = await this.answers.findOne({ _id: request.requestKey });
    if (!answered) {
      const { cardNumber, residentId, status } = request;
      await updateOrInsert(
        this.cards,
        cardNumber,
        { $set: { residentId, status }, $inc: { changes: 1 } },
        { _id: cardNumber, residentId, status, changes: 1 },
      );
      try {
        await this.answers.insertOne({ _id: request.requestKey, status });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    }
    this.behaviour.leave();
    return { status: answered?.status ?? request.status };
  }

  /** The electronic card bound to a physical card, as the platform has it. */
  status = async (cardNumber: string): Promise<ECardStatus | undefined> =>
    (await this.cards.findOne({ _id: cardNumber }))?.status;
}

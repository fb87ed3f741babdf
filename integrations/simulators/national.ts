// The national social security card registry, simulated: the cards every province issued (this one's as sscard
// reports them), and the provinces' answers to a cancellation request. A province confirms at once, unless a test
// made it silent.
import type { Db } from 'mongodb';
import type {
  CardCancellationRequest,
  CardReport,
  NationalCardRegistry,
  ProvincialCard,
  ReportedCardStatus,
} from '../ports';
import { Behaviour } from './behaviour';

interface NationalCardDoc extends ProvincialCard {
  _id: string; // card number
  residentId: string;
  cancellationKeys?: string[];
  /** The reports taken on a card of the reporting province, each request key once. */
  reportKeys?: string[];
}

export class NationalRegistrySimulator implements NationalCardRegistry {
  readonly behaviour: Behaviour;
  private readonly cards;
  /** Provinces that take a cancellation request and do not confirm it (until `confirm`). */
  private readonly silent = new Set<string>();

  constructor(db: Db) {
    this.behaviour = new Behaviour('national');
    this.cards = db.collection<NationalCardDoc>('national_cards');
  }

  /** A card another province issued to the person (tests and the demo). */
  async holdsCard(residentId: string, card: { province: string; cardNumber: string }): Promise<void> {
    await this.cards.insertOne({ _id: card.cardNumber, residentId, ...card, status: 'valid' });
  }

  silence(province: string): void {
    this.silent.add(province);
  }

  /** The silent province confirms the cancellations asked of it. */
  async confirm(province: string): Promise<void> {
    this.silent.delete(province);
    await this.cards.updateMany({ province, status: 'cancelling' }, { $set: { status: 'cancelled' } });
  }

  async cardsOf(residentId: string): Promise<ProvincialCard[]> {
    await this.behaviour.enter('cardsOf');
    const found = await this.cards.find({ residentId }).toArray();
    this.behaviour.leave();
    return found.map(({ province, cardNumber, status }) => ({ province, cardNumber, status }));
  }

  async requestCancellation(request: CardCancellationRequest): Promise<{ status: ProvincialCard['status'] }> {
    await this.behaviour.enter('requestCancellation');
    const card = await this.cards.findOne({ _id: request.cardNumber, residentId: request.residentId });
    if (card?.status === 'valid') {
      const status = this.silent.has(card.province) ? 'cancelling' : 'cancelled';
      await this.cards.updateOne(
        { _id: card._id, status: 'valid' },
        { $set: { status }, $addToSet: { cancellationKeys: request.requestKey } },
      );
    }
    const after = await this.cards.findOne({ _id: request.cardNumber });
    this.behaviour.leave();
    return { status: after?.status ?? 'cancelled' };
  }

  async reportCard(report: CardReport): Promise<{ status: ReportedCardStatus }> {
    await this.behaviour.enter('reportCard');
    const { requestKey, ...card } = report;
    const known = await this.cards.findOne({ _id: card.cardNumber });
    let status: ReportedCardStatus = known?.status === 'cancelled' ? 'cancelled' : 'valid';
    if (!known?.reportKeys?.includes(requestKey)) {
      await this.cards.updateOne(
        { _id: card.cardNumber },
        { $set: card, $addToSet: { reportKeys: requestKey } },
        { upsert: true },
      );
      status = card.status;
    }
    this.behaviour.leave();
    return { status };
  }

  /** A card as the registry knows it, if at all (tests). */
  cardAt = async (cardNumber: string): Promise<(ProvincialCard & { residentId: string }) | undefined> => {
    const doc = await this.cards.findOne({ _id: cardNumber });
    return doc
      ? { province: doc.province, cardNumber, status: doc.status, residentId: doc.residentId }
      : undefined;
  };

  /** The cancellation requests a card got (each request key once). */
  requestsFor = async (cardNumber: string): Promise<string[]> =>
    (await this.cards.findOne({ _id: cardNumber }))?.cancellationKeys ?? [];
}

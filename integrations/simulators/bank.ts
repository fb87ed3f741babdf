// The cooperative bank, simulated: compares identities against the population database and its own customer
// records, and opens accounts. Each request key gets one answer, however often it is asked.
import { createHash } from 'node:crypto';
import type { Db } from 'mongodb';
import { isDuplicateKey, updateOrInsert } from '../../store/mongo';
import type {
  Bank,
  CardFinancialStateRequest,
  CardReceiptSink,
  CloseAccountRequest,
  CloseAccountResult,
  ComparisonFinding,
  IdentityComparisonRequest,
  IdentityComparisonResult,
  OpenAccountRequest,
  OpenAccountResult,
  PopulationRegistry,
} from '../ports';
import { Behaviour } from './behaviour';

interface CustomerDoc {
  _id: string; // resident ID: the bank's own key
  name: string;
  birthDate?: string;
  account?: { accountNo: string; walletId: string; openedBy: string; openedAt: Date };
  /** Accounts closed because the card they were opened for was withdrawn, by the request that opened them. */
  closedFor?: string[];
  /** Wallets revoked on an account the person keeps. */
  revokedWallets?: string[];
}

const digits = (seed: string, n: number): string =>
  BigInt(`0x${createHash('sha256').update(seed).digest('hex').slice(0, 24)}`)
    .toString()
    .padStart(n, '0')
    .slice(-n);

export class BankSimulator implements Bank {
  readonly behaviour: Behaviour;
  private readonly customers;
  private readonly answers;
  private readonly cardStates;
  private receiptSink: CardReceiptSink | undefined;

  constructor(
    db: Db,
    private readonly population: PopulationRegistry,
  ) {
    this.behaviour = new Behaviour('bank');
    this.customers = db.collection<CustomerDoc>('bank_customers');
    this.answers = db.collection<{ _id: string; result: unknown }>('bank_answers');
    this.cardStates = db.collection<{ _id: string; state: 'frozen' | 'active' }>('bank_card_states');
  }

  /** Where the bank's receipts of shipped cards go. */
  attach(sink: CardReceiptSink): void {
    this.receiptSink = sink;
  }

  /**
   * A manufacturer's shipment of printed cards arrives: the bank confirms receipt to sscard. Throws when the
   * receipt cannot be delivered, so the manufacturer's outbox ships again (a receipt is idempotent per chip).
   */
  async receiveShipment(shipment: { shipmentId: string; chipIds: string[] }): Promise<void> {
    if (!this.receiptSink) throw new Error('the bank has nowhere to confirm receipts to yet');
    await this.receiptSink({ ...shipment, receivedAt: new Date().toISOString() });
  }

  /** Existing bank customers (for example with a name on file that differs from the population database). */
  async addCustomers(customers: { residentId: string; name: string; birthDate?: string }[]): Promise<void> {
    for (const c of customers) {
      const fields = { name: c.name, ...(c.birthDate ? { birthDate: c.birthDate } : {}) };
      await updateOrInsert(this.customers, c.residentId, { $set: fields }, { _id: c.residentId, ...fields });
    }
  }

  /**
   * The bank's answer to a request key: the same on every retry. Worked out first and then kept; when an earlier
   * attempt kept one already, that one is the answer (working it out again changed nothing: each effect below is
   * guarded).
   */
  private async remembered<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const result = await compute();
    try {
      await this.answers.insertOne({ _id: key, result });
      return result;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      return (await this.answers.findOne({ _id: key }))!.result as T;
    }
  }

  async compareIdentity(request: IdentityComparisonRequest): Promise<IdentityComparisonResult> {
    await this.behaviour.enter('compareIdentity');
    const result = await this.remembered(request.requestKey, async () => {
      const findings: ComparisonFinding[] = [];
      const person = await this.population.lookup(request.residentId);
      if (!person) return { findings: ['UNKNOWN_PERSON'] satisfies ComparisonFinding[] };
      if (person.status === 'deceased') findings.push('DECEASED');
      if (person.name !== request.name) findings.push('NAME_MISMATCH');
      if (person.birthDate !== request.birthDate) findings.push('BIRTH_DATE_MISMATCH');
      // The bank's own records, once the data agrees with the population database (a typo is the unit's to fix
      // first): a customer on file with another name or birth date is a conflict only the bank can resolve.
      if (findings.length > 0) return { findings };
      const customer = await this.customers.findOne({ _id: request.residentId });
      const differs =
        customer &&
        (customer.name !== request.name ||
          (customer.birthDate !== undefined && customer.birthDate !== request.birthDate));
      if (differs) findings.push('BANK_RECORD_CONFLICT');
      return { findings };
    });
    this.behaviour.leave();
    return result;
  }

  async openAccount(request: OpenAccountRequest): Promise<OpenAccountResult> {
    await this.behaviour.enter('openAccount');
    const result = await this.remembered(request.requestKey, async () => {
      const accountNo = `6217${digits(`account:${request.residentId}`, 15)}`;
      const walletId = `W${digits(`wallet:${request.chipId}`, 15)}`;
      const account = { accountNo, walletId, openedBy: request.requestKey, openedAt: new Date() };
      // One account per person: a new customer is inserted with it (the unique _id refuses a second), a known one
      // gets it only if they have none.
      try {
        await this.customers.insertOne({ _id: request.residentId, name: request.name, account });
        return { accountRef: mask(accountNo), walletId, opened: 'new' as const };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      await this.customers.updateOne(
        { _id: request.residentId, account: { $exists: false } },
        { $set: { account } },
      );
      const stored = (await this.customers.findOne({ _id: request.residentId }))!.account!;
      // Opened by this very request (perhaps on an attempt whose answer was lost): still a new account.
      const opened = stored.openedBy === request.requestKey ? ('new' as const) : ('existing' as const);
      return { accountRef: mask(stored.accountNo), walletId: stored.walletId, opened };
    });
    this.behaviour.leave();
    return result;
  }

  async closeAccount(request: CloseAccountRequest): Promise<CloseAccountResult> {
    await this.behaviour.enter('closeAccount');
    const result = await this.remembered(request.requestKey, async (): Promise<CloseAccountResult> => {
      const customer = await this.customers.findOne({ _id: request.residentId });
      if (!customer) return { closed: 'nothing' };
      // Closed by an earlier attempt whose answer was lost: the same answer.
      if (customer.closedFor?.includes(request.openedWith)) return { closed: 'account' };
      if (customer.account?.openedBy === request.openedWith) {
        await this.customers.updateOne(
          { _id: request.residentId, 'account.openedBy': request.openedWith },
          { $unset: { account: '' }, $addToSet: { closedFor: request.openedWith } },
        );
        return { closed: 'account' };
      }
      if (!customer.account) return { closed: 'nothing' };
      // The person's own earlier account stays; only the wallet written on this card's chip goes.
      const walletId = `W${digits(`wallet:${request.chipId}`, 15)}`;
      await this.customers.updateOne(
        { _id: request.residentId },
        { $addToSet: { revokedWallets: walletId } },
      );
      return { closed: 'wallet' };
    });
    this.behaviour.leave();
    return result;
  }

  async setCardFinancialState(request: CardFinancialStateRequest): Promise<{ state: 'frozen' | 'active' }> {
    await this.behaviour.enter('setCardFinancialState');
    const result = await this.remembered(request.requestKey, async () => {
      await updateOrInsert(
        this.cardStates,
        request.chipId,
        { $set: { state: request.state } },
        { _id: request.chipId, state: request.state },
      );
      return { state: request.state };
    });
    this.behaviour.leave();
    return result;
  }

  /** Whether a card's financial function is frozen, for tests. */
  async cardState(chipId: string): Promise<'frozen' | 'active'> {
    return (await this.cardStates.findOne({ _id: chipId }))?.state ?? 'active';
  }

  /** Accounts actually opened, for tests. */
  async accountsOpened(): Promise<number> {
    return this.customers.countDocuments({ account: { $exists: true } });
  }
}

function mask(accountNo: string): string {
  return `${accountNo.slice(0, 4)} **** **** ${accountNo.slice(-4)}`;
}

// SMS, e-mail and portal messages, simulated: one message per idempotency key, every attempt logged.
import type { Db } from 'mongodb';
import { isDuplicateKey } from '../../store/mongo';
import type { Notifier, OutgoingMessage } from '../ports';
import { Behaviour } from './behaviour';

type MessageDoc = Omit<OutgoingMessage, 'key'> & { _id: string; sentAt: Date };

export class NotifierSimulator implements Notifier {
  readonly behaviour: Behaviour;
  readonly messages;

  constructor(db: Db) {
    this.behaviour = new Behaviour('notifier');
    this.messages = db.collection<MessageDoc>('notifier_messages');
  }

  async send(message: OutgoingMessage): Promise<{ messageId: string }> {
    await this.behaviour.enter('send');
    const { key, ...rest } = message;
    try {
      await this.messages.insertOne({ _id: key, ...rest, sentAt: new Date() });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    this.behaviour.leave();
    return { messageId: key };
  }
}

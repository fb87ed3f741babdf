// The one-time codes a person proves their phone with ("where is my card?", applying online): 6 digits by SMS,
// kept only as an HMAC, used once, at most a few an hour (store/tracking.ts keeps them). Each purpose has codes of
// its own, so a code sent for one never opens the other.
import { createHmac, randomInt } from 'node:crypto';
import type { Notifier } from '../integrations/ports';
import { TRACKING_CODE } from '../domain/tracking';
import type { TrackingStore } from '../store/ports/center';

/** What a code request answers, the same whoever asks: whether a person is on record is not told. */
export interface CodeReceipt {
  message: string;
  expiresInSeconds: number;
}

/** The receipt of a code request: when a code was sent, and to which phone. */
export function codeReceipt(sentIf: string, to: string): CodeReceipt {
  return {
    message: `${sentIf}, a 6-digit code was sent by SMS to ${to}. It holds for 10 minutes; at most 3 codes are sent an hour.`,
    expiresInSeconds: TRACKING_CODE.ttlMs / 1000,
  };
}

export interface OneTimeCodes {
  /** Sends a fresh code to the phone, unless the hour's codes are used up (which the caller does not tell). */
  send(key: string, phone: string): Promise<void>;
  /** Takes the code if it is the one in force. */
  use(key: string, code: string): Promise<boolean>;
  /** Whether the code is the one in force, leaving it in force: for work that may fail before the code is taken. */
  check(key: string, code: string): Promise<boolean>;
}

export function oneTimeCodes(
  purpose: 'tracking' | 'online',
  deps: { codes: TrackingStore; notifier?: Notifier; secret: Buffer },
): OneTimeCodes {
  // The purpose is part of the stored key and of the hash: one purpose's code is never another's.
  const stored = (key: string) => (purpose === 'tracking' ? key : `${purpose}:${key}`);
  const hashOf = (key: string, code: string) =>
    createHmac('sha256', deps.secret).update(`${purpose}-code:${key}:${code}`).digest('base64url');
  return {
    async send(key, phone) {
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const now = new Date();
      if ((await deps.codes.issueCode(stored(key), hashOf(key, code), now)) === 'limited') return;
      await deps.notifier?.send({
        key: `${purpose}-code:${key}:${now.getTime()}`,
        channel: 'sms',
        to: phone,
        template: `${purpose}_code`,
        params: { code },
      });
    },
    use: (key, code) => deps.codes.useCode(stored(key), hashOf(key, code), new Date()),
    check: (key, code) => deps.codes.useCode(stored(key), hashOf(key, code), new Date(), true),
  };
}

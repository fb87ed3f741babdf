// A card after issuance: loss reports taken at the counter or on the phone line, their lift, replacements and
// renewals.
import type { CardLifeStatus } from '../../domain/card-life';
import type { CardLookup } from '../../domain/cards';
import type { RenewalResult, ReplacementResult } from '../../client/card-life';
import { REPLACEMENT_REASONS } from '../../domain/application';
import { FEE_EXEMPTIONS } from '../../domain/fee-decision';
import {
  type Command,
  type Context,
  type OptionSpec,
  type Parsed,
  requireOption,
  str,
  UsageError,
} from '../command';
import { cell, t, word } from '../i18n';
import { lastDay, localTime } from '../output';

const enc = encodeURIComponent;

export function printCard(ctx: Context, card: CardLifeStatus, what: string): void {
  ctx.out.data(card);
  const loss = card.loss
    ? t(' under a {kind} loss report', { kind: cell(card.loss.kind) }) +
      (card.loss.lapsesAt ? t(', lapsing at the end of {day}', { day: lastDay(card.loss.lapsesAt) }) : '')
    : '';
  ctx.out.text(
    t('{what}: card {card} is {status}', { what, card: card.cardId, status: cell(card.status) }) + loss,
  );
  if (card.events.length > 0) {
    ctx.out.table(
      [t('When (UTC+8)'), t('Event'), t('By'), t('Channel'), t('Note')],
      card.events.map((e) => [
        localTime(e.at),
        cell(e.event),
        `${cell(e.actor.role)}:${e.actor.id}`,
        cell(e.channel),
        e.note,
      ]),
    );
  }
}

function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(t('--{option}: one of {choices}', { option, choices: allowed.join(', ') }));
  return value as T;
}

/** What changed since the card's own application, as a replacement or renewal takes it. */
const CHANGE_OPTIONS: Record<string, OptionSpec> = {
  phone: { type: 'string', value: 'NUMBER', description: "the holder's new mobile number" },
  address: { type: 'string', value: 'TEXT', description: "the holder's new address" },
  photo: { type: 'string', value: 'PHOTO_ID', description: 'a new photo reference' },
};

function changesOf(parsed: Parsed): { changes?: Record<string, string | undefined> } {
  const changes = Object.fromEntries(
    (
      [
        ['phone', str(parsed, 'phone')],
        ['address', str(parsed, 'address')],
        ['photoId', str(parsed, 'photo')],
      ] as const
    ).filter(([, value]) => value !== undefined),
  );
  return Object.keys(changes).length > 0 ? { changes } : {};
}

export const cardCommands: Command[] = [
  {
    name: 'card lookup',
    args: ['<residentId>'],
    summary: "A person's cards: the card in force and every earlier one, with their lifecycle.",
    details:
      'The number is sent in the request body, never in a URL.\n' +
      'A unit clerk sees the cards their unit applied for.',
    options: {},
    async run(ctx, parsed) {
      const found = await ctx.api.request<CardLookup>('POST', '/v1/cards/lookup', {
        body: { residentId: parsed.positionals[0] },
      });
      ctx.out.data(found);
      if (found.cards.length === 0)
        return ctx.out.text(t('no card on record for this person (that you may see)'));
      ctx.out.table(
        [
          t('Card'),
          t('Status'),
          t('Card number'),
          t('Use'),
          t('Application'),
          t('Since (UTC+8)'),
          t('Valid until'),
          t('In force'),
        ],
        found.cards.map((c) => [
          c.cardId,
          cell(c.status),
          c.cardNumber,
          // Sealed, active or locked, with the wrong PINs counted (a card in use only).
          c.use
            ? `${cell(c.use.state)}${c.use.pinFailures ? ` (${t('{n} wrong PINs', { n: c.use.pinFailures })})` : ''}`
            : '',
          c.applicationId,
          localTime(c.history.at(-1)?.at),
          c.validity ? (c.validity.expiresOn ?? t('no expiry')) : '',
          c.cardId === found.current?.cardId ? t('yes') : '',
        ]),
      );
    },
  },
  {
    name: 'card replace',
    args: ['<cardId>'],
    summary: 'Replace a card in use (lost, damaged) or renew it (expired): a new application for the holder.',
    details:
      "The holder's data is the card's own application's, with a new phone, address or photo if given.\n" +
      'The new application runs the issuance steps for the same unit; its registration supersedes the old card.\n' +
      'A lost card is replaced once its loss was reported formally. Follow the new application with sscard status.\n' +
      'Example: sscard --as clerk card replace C1b2c3 --reason DAMAGED --phone 13800138000',
    options: {
      reason: {
        type: 'string',
        value: REPLACEMENT_REASONS.join('|'),
        description: 'why the card is replaced',
      },
      'fee-exemption': {
        type: 'string',
        value: FEE_EXEMPTIONS.join('|'),
        description: 'a fee exemption the holder claims, its evidence seen',
      },
      ...CHANGE_OPTIONS,
    },
    async run(ctx, parsed) {
      const reason = oneOf(requireOption(parsed, 'reason'), REPLACEMENT_REASONS, 'reason');
      const claimed = str(parsed, 'fee-exemption');
      const feeExemption = claimed ? oneOf(claimed, FEE_EXEMPTIONS, 'fee-exemption') : undefined;
      const started = await ctx.api.request<ReplacementResult>(
        'POST',
        `/v1/cards/${enc(parsed.positionals[0]!)}/replacement`,
        {
          body: { reason, ...(feeExemption ? { feeExemption } : {}), ...changesOf(parsed) },
          idempotent: true,
        },
      );
      ctx.out.data(started);
      ctx.out.text(
        t('replacement application {id} started for card {card} ({reason})', {
          id: started.applicationId,
          card: started.predecessorCardId,
          reason: word(reason),
        }),
      );
    },
  },
  {
    name: 'card renew',
    args: ['<cardId>'],
    summary:
      'Renew an issued card whose renewal window opened: the old card stays valid until the new one is issued.',
    details:
      "The window opens 60 days before the card expires (or as the region's policy says): sscard card lookup shows it.\n" +
      "The holder's data is the card's own application's, with a new phone, address or photo if given.\n" +
      'Once the new card is collected the old one ends: registry, bank, e-card and the national registry.\n' +
      'Example: sscard --as clerk card renew C1b2c3 --phone 13800138000',
    options: { ...CHANGE_OPTIONS },
    async run(ctx, parsed) {
      const started = await ctx.api.request<RenewalResult>(
        'POST',
        `/v1/cards/${enc(parsed.positionals[0]!)}/renewal`,
        { body: changesOf(parsed), idempotent: true },
      );
      ctx.out.data(started);
      ctx.out.text(
        t(
          'renewal application {id} started for card {card}, valid until {day} and until the new card is issued',
          {
            id: started.applicationId,
            card: started.predecessorCardId,
            day: started.expiresOn,
          },
        ),
      );
    },
  },
];

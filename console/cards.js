// A person's cards at the counter: looked up by resident ID number (sent in the request body, never in a URL),
// with the actions on a card in use: a loss report taken by phone or at the counter, its lift, a replacement
// (lost, damaged) or renewal (expired), and (supervisors) a cancellation for an emigration.
import { api, attempt, role } from './api.js';
import { $, fill, h, localTime, notice } from './dom.js';
import { label, t } from './i18n.js';

let lastLookup = '';

export async function lookUpCards(residentId = lastLookup) {
  lastLookup = residentId;
  const found = await attempt(() => api('POST', '/v1/cards/lookup', { residentId }));
  if (!found) return;
  const list = $('card-list');
  list.hidden = false;
  if (found.cards.length === 0) {
    fill(list, h('p', {}, t('No card on record for this person (that you may see).')));
    return;
  }
  const headings = ['Card', 'Status', 'Card number', 'E-card', 'Since', 'Actions'];
  fill(
    list,
    h(
      'table',
      { 'aria-label': t('Cards of the person') },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          headings.map((text) => h('th', {}, t(text))),
        ),
      ),
      h('tbody', {}, found.cards.map(row)),
    ),
  );
}

function row(card) {
  return h(
    'tr',
    { 'data-card': card.cardId },
    h('td', {}, card.cardId),
    h('td', { 'data-status': card.status }, label(card.status)),
    h('td', {}, card.cardNumber || ''),
    h('td', {}, card.ecard ? label(`ecard_${card.ecard.status}`) : '–'),
    h('td', {}, localTime(card.history.at(-1)?.at)),
    h('td', {}, actions(card)),
  );
}

/** The photo on the card, to compare with the person at the counter (staff only; never cached). */
function photoButton(card) {
  return h(
    'button',
    {
      type: 'button',
      onclick: async (event) => {
        const photo = await attempt(() => api('GET', `/v1/photos/${encodeURIComponent(card.photoId)}`));
        if (!photo) return;
        const url = URL.createObjectURL(photo);
        const img = h('img', { src: url, alt: t('Photo on the card'), class: 'card-photo' });
        img.addEventListener('load', () => URL.revokeObjectURL(url));
        event.target.replaceWith(img);
      },
    },
    t('Photo'),
  );
}

const TEMPORARY = { kind: 'temporary', channel: 'phone' };
const FORMAL = { kind: 'formal', channel: 'counter' };

function actions(card) {
  const staff = role() === 'operator' || role() === 'supervisor';
  const act = (text, path, body, done) =>
    h(
      'button',
      {
        type: 'button',
        onclick: async () => {
          const answer = await attempt(() =>
            api('POST', `/v1/cards/${encodeURIComponent(card.cardId)}/${path}`, body),
          );
          if (!answer) return;
          notice(t(done, { card: card.cardId, application: answer.applicationId }));
          await lookUpCards();
        },
      },
      t(text),
    );
  const replace = (text, reason) =>
    act(text, 'replacement', { reason }, 'Card {card}: replacement application {application} started.');
  // A unit's clerk replaces the cards of the unit's own applications; the loss reports are the center's.
  const buttons = [];
  if (card.status === 'lost') buttons.push(replace('Replace (lost)', 'LOST'));
  if (card.status === 'issued')
    buttons.push(replace('Replace (damaged)', 'DAMAGED'), replace('Renew (expired)', 'EXPIRED'));
  if (!staff) return buttons;
  if (card.photoId) buttons.push(photoButton(card));
  if (card.status === 'issued') {
    buttons.push(
      act('Temporary loss (phone)', 'loss-report', TEMPORARY, 'Card {card}: temporary loss report taken.'),
      act('Formal loss (counter)', 'loss-report', FORMAL, 'Card {card}: formal loss report taken.'),
    );
  }
  if (card.status === 'suspended')
    buttons.push(
      act('Make formal (counter)', 'loss-report', FORMAL, 'Card {card}: loss report made formal.'),
    );
  if (card.status === 'suspended' || card.status === 'lost')
    buttons.push(act('Lift loss report', 'loss-report/lift', {}, 'Card {card}: loss report lifted.'));
  if (role() === 'supervisor' && ['issued', 'suspended', 'lost'].includes(card.status))
    buttons.push(
      act('Cancel (emigrated)', 'cancellation', { reason: 'EMIGRATED' }, 'Card {card} cancelled.'),
    );
  return buttons;
}

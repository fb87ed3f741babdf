// A person's cards at the counter: looked up by resident ID number (sent in the request body, never in a URL),
// with how long each is valid, a replacement (lost, damaged) or renewal (its window open), and the actions on a card
// in use the caller's role may take (a loss report, its lift, a cancellation): their buttons as the API describes
// them (GET /v1/actions).
import { actionsOn } from './actions.js';
import { api, attempt, isStaff } from './api.js';
import { $, fill, h, localTime, notice } from './dom.js';
import { inLanguage, label, t } from './i18n.js';

let lastLookup = '';
/** The actions on a card this caller may take, with their buttons. */
let cardActions = [];

export async function lookUpCards(residentId = lastLookup) {
  lastLookup = residentId;
  const found = await attempt(() => api('POST', '/v1/cards/lookup', { residentId }));
  if (!found) return;
  cardActions = await actionsOn('card');
  const list = $('card-list');
  list.hidden = false;
  if (found.cards.length === 0) {
    fill(list, h('p', {}, t('No card on record for this person (that you may see).')));
    return;
  }
  const headings = ['Card', 'Status', 'Card number', 'Use', 'E-card', 'Since', 'Valid until', 'Actions'];
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
    h('td', { 'data-use': card.use?.state ?? '' }, use(card)),
    h('td', {}, card.ecard ? label(`ecard_${card.ecard.status}`) : '–'),
    h('td', {}, localTime(card.history.at(-1)?.at)),
    h('td', {}, validity(card)),
    h('td', {}, actions(card)),
  );
}

/** The card's last valid day and when its renewal may be asked; none known for a card registered before 0.8.0. */
function validity(card) {
  if (!card.validity) return '–';
  if (!card.validity.expiresOn) return t('no expiry');
  return `${card.validity.expiresOn} ${t('(renewable from {day})', { day: card.validity.renewableFrom })}`;
}

/**
 * The card's use: sealed, active or locked, its PIN set or not, the wrong PINs counted; a card issued before sscard
 * tracked its use shows as activated. Only a card in use has one.
 */
function use(card) {
  if (!card.use) return '–';
  const { state, financial, pinSetAt, pinFailures } = card.use;
  const parts = [label(state)];
  if (financial.state === 'sealed') parts.push(t('bank function sealed'));
  if (card.use.tracked) parts.push(pinSetAt ? t('PIN set') : t('no PIN yet'));
  if (pinFailures > 0) parts.push(t('{n} wrong PINs', { n: pinFailures }));
  return parts.join(' · ');
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

function actions(card) {
  const staff = isStaff();
  const post = (text, path, body, done) =>
    h(
      'button',
      {
        type: 'button',
        onclick: async () => {
          const answer = await attempt(() =>
            api('POST', `/v1/cards/${encodeURIComponent(card.cardId)}/${path}`, body),
          );
          if (!answer) return;
          notice(done(answer));
          await lookUpCards();
        },
      },
      text,
    );
  const replace = (text, reason) =>
    post(t(text), 'replacement', { reason }, (answer) =>
      t('Card {card}: replacement application {application} started.', {
        card: card.cardId,
        application: answer.applicationId,
      }),
    );
  // A unit's clerk replaces the cards of the unit's own applications; the loss reports are the center's.
  const buttons = [];
  if (card.status === 'lost') buttons.push(replace('Replace (lost)', 'LOST'));
  if (card.status === 'issued') buttons.push(replace('Replace (damaged)', 'DAMAGED'));
  // A card that expires is renewed, and stays valid until the new one is issued; the API says from which day. One
  // registered before sscard kept expiry dates is replaced as expired.
  if (card.status === 'issued' && card.validity?.expiresOn)
    buttons.push(
      post(t('Renew'), 'renewal', {}, (answer) =>
        t(
          'Card {card}: renewal application {application} started; the card stays valid until the new one is issued.',
          {
            card: card.cardId,
            application: answer.applicationId,
          },
        ),
      ),
    );
  if (card.status === 'issued' && !card.validity) buttons.push(replace('Renew (expired)', 'EXPIRED'));
  if (staff && card.photoId) buttons.push(photoButton(card));
  for (const action of cardActions)
    // A preset is offered by the card's status, or by its use (an unlock, on a locked card).
    for (const preset of action.presets.filter(
      (p) => p.when.includes(card.status) || p.when.includes(card.use?.state),
    ))
      buttons.push(
        post(inLanguage(preset.words), action.path, preset.body, () =>
          inLanguage(preset.done).replace('{id}', card.cardId),
        ),
      );
  return buttons;
}

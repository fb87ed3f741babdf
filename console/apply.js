// One person's application as a clerk takes it at the counter (POST /v1/applications): their data, a photo checked
// and kept first (POST /v1/photos), and where the card is made: by the manufacturer (sporadic issuance), or on this
// counter's printer while the person waits (instant), with the urgent reason a region may ask for. The API refuses a
// counter that cannot make it now with a reason and writes nothing; the person's data leaves the page once sent.
import { api, attempt, session } from './api.js';
import { base64Of } from './public.js';
import { $, notice } from './dom.js';
import { INSTANT_REASONS } from './domain.js';
import { label, t } from './i18n.js';

export function setUpApplyForm() {
  $('apply-reason').append(...INSTANT_REASONS.map((reason) => new Option(label(reason), reason)));
  const atCounter = $('apply-at-counter');
  atCounter.addEventListener('change', () => {
    $('apply-instant').hidden = !atCounter.checked;
    $('apply-counter').required = atCounter.checked;
  });
}

export function prepareApplyForm() {
  if (session.actor && session.actor.unitId && !$('apply-unit').value)
    $('apply-unit').value = session.actor.unitId;
}

/** Sends the form: the new application's status, or undefined where it was refused (the refusal is shown). */
export async function submitOne() {
  const value = (id) => $(id).value.trim();
  const unitId = value('apply-unit');
  const applicant = { residentId: value('apply-rid').toUpperCase(), name: value('apply-name') };
  if (value('apply-phone')) applicant.phone = value('apply-phone');
  const photo = $('apply-photo').files[0];
  if (photo) {
    const jpegBase64 = await base64Of(photo);
    const stored = await attempt(() =>
      api('POST', '/v1/photos', { unitId, residentId: applicant.residentId, jpegBase64 }),
    );
    if (!stored) return undefined;
    applicant.photoId = stored.photoId;
  }
  const instant = $('apply-at-counter').checked && {
    counterId: value('apply-counter').toUpperCase(),
    ...(value('apply-reason') ? { reason: value('apply-reason') } : {}),
  };
  const status = await attempt(() =>
    api('POST', '/v1/applications', { unitId, applicant, ...(instant ? { instant } : {}) }),
  );
  if (!status) return undefined;
  // The person's data is the unit's and the registry's to keep, not the page's.
  for (const id of ['apply-rid', 'apply-name', 'apply-phone', 'apply-photo']) $(id).value = '';
  notice(
    t('Application {id} submitted: {lane}.', {
      id: status.applicationId,
      lane: label(status.lane || status.mode),
    }),
  );
  return status;
}

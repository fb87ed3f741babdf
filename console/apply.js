// One person's application as a clerk takes it at the counter (POST /v1/applications): their data, a photo checked
// and kept first (POST /v1/photos), and where the card is made: by the manufacturer (sporadic issuance), or on this
// counter's printer while the person waits (instant), with the urgent reason a region may ask for. The API refuses a
// counter that cannot make it now with a reason and writes nothing; the person's data leaves the page once sent. A
// minor's guardian, who applies for them, is a block of its own, opened for a minor.
import { api, attempt, session } from './api.js';
import { base64Of } from './public.js';
import { $, notice } from './dom.js';
import { GUARDIAN_RELATIONS, INSTANT_REASONS } from './domain.js';
import { label, t } from './i18n.js';

export function setUpApplyForm() {
  $('apply-reason').append(...INSTANT_REASONS.map((reason) => new Option(label(reason), reason)));
  $('apply-guardian-relation').append(
    ...GUARDIAN_RELATIONS.map((relation) => new Option(label(relation), relation)),
  );
  // The guardian's fields are needed once the block is opened for a minor.
  const guardian = $('apply-guardian');
  guardian.addEventListener('toggle', () => {
    for (const id of GUARDIAN_FIELDS) $(id).required = guardian.open;
  });
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

const GUARDIAN_FIELDS = [
  'apply-guardian-rid',
  'apply-guardian-name',
  'apply-guardian-phone',
  'apply-guardian-register',
];

/** Sends the form: the new application's status, or undefined where it was refused (the refusal is shown). */
export async function submitOne() {
  const value = (id) => $(id).value.trim();
  const unitId = value('apply-unit');
  const applicant = { residentId: value('apply-rid').toUpperCase(), name: value('apply-name') };
  if (value('apply-phone')) applicant.phone = value('apply-phone');
  if ($('apply-guardian').open) {
    applicant.guardian = {
      residentId: value('apply-guardian-rid').toUpperCase(),
      name: value('apply-guardian-name'),
      phone: value('apply-guardian-phone'),
      relation: value('apply-guardian-relation'),
      householdRegister: value('apply-guardian-register'),
    };
  }
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
  for (const id of ['apply-rid', 'apply-name', 'apply-phone', 'apply-photo', ...GUARDIAN_FIELDS])
    $(id).value = '';
  $('apply-guardian').open = false;
  notice(
    t('Application {id} submitted: {lane}.', {
      id: status.applicationId,
      lane: label(status.lane || status.mode),
    }),
  );
  return status;
}

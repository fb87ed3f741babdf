// The operator console: plain browser JavaScript modules over the sscard API (same origin), no build step.
// Signing in and out, and which view shows; each view lives in its own module.
import { api, attempt, forgetToken, saveToken, savedToken, session, whenUnauthenticated } from './api.js';
import { openApplication } from './application.js';
import { prepareApplyForm, setUpApplyForm, submitOne } from './apply.js';
import { listBatches, showBatch } from './batches.js';
import { prepareBatchForm, submitBatch } from './batch-submit.js';
import { lookUpCards } from './cards.js';
import { loadCompliance, setUpReport } from './compliance.js';
import { $, cancelAll, notice } from './dom.js';
import { label, LOCALES, locale, setLocale, t, translatePage } from './i18n.js';
import { loadQueue, setUpQueueTabs } from './queues.js';

async function signIn(token) {
  saveToken(token);
  const me = await attempt(() => api('GET', '/v1/me'));
  if (!me) {
    forgetToken();
    return;
  }
  session.actor = me.actor;
  const { role, id, unitId } = me.actor;
  const who = `${label(role)} ${id}`;
  $('who-text').textContent = `${who}${unitId ? ` · ${t('unit {unit}', { unit: unitId })}` : ''}`;
  $('who').hidden = false;
  $('login').hidden = true;
  $('app').hidden = false;
  notice(t('Signed in as {who}.', { who }));
  await loadQueue();
}

function signOut(message = t('Signed out.')) {
  forgetToken();
  cancelAll();
  session.actor = null;
  $('app').hidden = true;
  $('who').hidden = true;
  $('login').hidden = false;
  $('token').value = '';
  notice(message);
}

function showView(name) {
  for (const button of document.querySelectorAll('[data-view]')) {
    button.setAttribute('aria-pressed', String(button.dataset.view === name));
  }
  for (const view of ['queues', 'apply', 'batches', 'compliance', 'cards'])
    $(`view-${view}`).hidden = view !== name;
  if (name === 'queues') void loadQueue();
  if (name === 'apply') prepareApplyForm();
  if (name === 'batches') {
    prepareBatchForm();
    void listBatches();
  }
  if (name === 'compliance') void loadCompliance();
}

whenUnauthenticated(() => signOut(t('Your sign-in is no longer valid: sign in again.')));
document.addEventListener('sscard:changed', () => void loadQueue());

$('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void signIn($('token').value.trim());
});
$('logout').addEventListener('click', () => signOut());
setUpQueueTabs();
for (const button of document.querySelectorAll('[data-view]')) {
  button.addEventListener('click', () => showView(button.dataset.view));
}
$('refresh').addEventListener('click', () => void loadQueue());
$('more').addEventListener('click', () => void loadQueue(undefined, true));
$('batch-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void showBatch($('batch-id').value.trim());
});
$('batch-list-refresh').addEventListener('click', () => void listBatches());
setUpApplyForm();
$('apply-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const submitted = await submitOne();
  if (!submitted) return;
  // The clerk sees where it goes: at a counter, the card made while the person waits, or the hand-over.
  showView('queues');
  void openApplication(submitted.applicationId, 20);
});
$('batch-submit-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void submitBatch();
});
$('card-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void lookUpCards($('card-rid').value.trim().toUpperCase());
});
$('compliance-refresh').addEventListener('click', () => void loadCompliance());
setUpReport();

translatePage();
const language = $('language');
for (const [code, name] of Object.entries(LOCALES))
  language.append(new Option(name, code, false, code === locale));
language.addEventListener('change', () => setLocale(language.value));

const saved = savedToken();
if (saved) void signIn(saved);

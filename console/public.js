// What the person's own pages share ("where is my card?", applying online): public, no token, one error line; the
// API decides what they show and refuses with a message a person can act on. The operator console takes a photo the
// same way (base64Of).
export const $ = (id) => document.getElementById(id);

export function showError(message) {
  const box = $('error');
  box.textContent = message;
  box.hidden = !message;
}

/** One call to the API; a refusal throws with the API's message. */
export async function call(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: { accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(answer.error?.message ?? `HTTP ${response.status}`);
  return answer;
}

/** A file as the API takes a photo: base64 of its bytes (the person's photo here, a clerk's in apply.js and batches). */
export async function base64Of(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The first form of both pages: the resident ID number, a code sent to the phone on record, then the form `next`. */
export function sendCodeFrom(path, next) {
  $('code-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    showError('');
    try {
      const receipt = await call('POST', path, { residentId: $('rid').value.trim() });
      $('sent').textContent = receipt.message;
      $(next).hidden = false;
      $('code').focus();
    } catch (error) {
      showError(error.message);
    }
  });
}

/** The answer as a list of [term, value] rows in #facts. */
export function showFacts(rows) {
  $('facts').replaceChildren(
    ...rows.flatMap(([term, value]) => {
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      dd.textContent = value;
      return [dt, dd];
    }),
  );
}

// Request fields as people name them, for messages: "the applicant's name is missing", not "applicant.name:
// Invalid input: expected string, received undefined".
const WORDS: Record<string, string> = {
  unitId: 'unit code',
  applicant: "applicant's data",
  applicants: 'list of applicants',
  residentId: 'resident ID number',
  name: 'name',
  phone: 'mobile number',
  ethnicity: 'ethnicity code',
  photoId: 'photo reference',
  address: 'address',
  decision: 'decision',
  reason: 'reason',
  reasons: 'reasons',
  note: 'note',
  revision: 'revision',
  receivedOn: 'date of receipt',
  collectedBy: 'name of the person who collected the card',
  relation: "collector's relation to the applicant",
  place: 'place of collection',
  orderId: 'print order',
  outcome: 'outcome',
  year: 'year',
  holidays: 'holidays',
  workdays: 'working weekend days',
  actor: 'account',
  role: 'role',
};

/** `applicant.name` → "the applicant's name"; `applicants.2.phone` → "applicant 3's mobile number". */
export function fieldInWords(path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const key = String(path[i]);
    const next = path[i + 1];
    if (key === 'applicants' && typeof next === 'number') {
      parts.push(`applicant ${next + 1}'s`);
      i++;
    } else if (key === 'applicant' && i < path.length - 1) parts.push("the applicant's");
    else if (typeof path[i] === 'number') parts.push(`item ${Number(key) + 1}`);
    else parts.push(WORDS[key] ?? key);
  }
  const words = parts.join(' ');
  return words.startsWith('the ') || /^applicant \d/.test(words) ? words : `the ${words}`;
}

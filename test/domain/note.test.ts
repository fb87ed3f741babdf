import assert from 'node:assert/strict';
import { addNote } from '../../domain/actions/applications';
import { waiverBodySchema } from '../../domain/fees';
import { reviewBodySchema } from '../../domain/messages';
import { noteSchema } from '../../domain/note';

describe('a note on an application or a card', () => {
  const refused = [
    '残疾人证 33010619860615427X 已核验',
    '证号 330106198606154271',
    '330106-19860615-4271',
    'applicant phoned from 13800138000',
    'tel 138 0013 8000',
    'account 6222020200112233445',
  ];
  const taken = [
    '残疾人证 尾号427X 已核验',
    'allowance certificate 2026-0412 seen',
    'collects between 2026-12-06 and 2027-01-05',
    'applicant phoned: collects on Tuesday',
  ];

  it('holds no phone, resident ID or account number, whatever the action', () => {
    for (const schema of [noteSchema, addNote.body.shape.note, waiverBodySchema.shape.note]) {
      for (const text of refused) assert.equal(schema.safeParse(text).success, false, text);
      for (const text of taken) assert.equal(schema.safeParse(text).success, true, text);
    }
    const review = reviewBodySchema.safeParse({ decision: 'reject', note: '证号 330106198606154271' });
    assert.equal(review.success, false);
    assert.match(review.error?.issues[0]?.message ?? '', /last four characters/);
  });
});

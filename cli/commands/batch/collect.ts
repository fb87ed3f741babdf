// sscard batch collect: the unit's agent collected the batch's ready cards, all of them or some.
import { shanghaiDate } from '../../../domain/calendar/shanghai-time';
import { type Command, requireOptions, str } from '../../command';
import { refusalWords, t } from '../../i18n';
import { batchPath } from './shared';

interface Collected {
  registered: string[];
  refused: { applicationId: string; code: string }[];
}

export const collectCommand: Command = {
  name: 'batch collect',
  args: ['<batchId>'],
  summary: "Register that the unit's agent collected the batch's ready cards (all, or --only some).",
  details:
    "The agent's resident ID number is kept as a keyed hash and a mask.\n" +
    'Cards not ready are listed with the reason. Example:\n' +
    '  sscard --as clerk batch collect B1a2b3 --by 王芳 --agent-id 110101199003074477 --place "HR office"',
  options: {
    by: { type: 'string', value: 'NAME', description: "the agent's name" },
    'agent-id': { type: 'string', value: 'RID', description: "the agent's resident ID number" },
    on: {
      type: 'string',
      value: 'YYYY-MM-DD',
      description: 'the day the cards were handed over (default: today, Beijing time)',
    },
    place: { type: 'string', value: 'PLACE', description: 'where they were handed over' },
    only: { type: 'string', value: 'ID,ID,…', description: 'only these applications of the batch' },
  },
  async run(ctx, parsed) {
    const only = str(parsed, 'only');
    const given = requireOptions(parsed, ['by', 'agent-id', 'place']);
    const done = await ctx.api.request<Collected>('POST', batchPath(parsed.positionals[0]!, 'collections'), {
      body: {
        collectedBy: given.by,
        agentResidentId: given['agent-id'],
        receivedOn: str(parsed, 'on') ?? shanghaiDate(new Date()),
        place: given.place,
        ...(only ? { applicationIds: only.split(',').map((id) => id.trim()) } : {}),
      },
      idempotent: true,
    });
    ctx.out.data(done);
    ctx.out.text(
      t('{registered} collections registered, {refused} refused', {
        registered: done.registered.length,
        refused: done.refused.length,
      }),
    );
    if (done.refused.length > 0)
      ctx.out.table(
        [t('Application'), t('Refused'), ''],
        done.refused.map((r) => [r.applicationId, r.code, refusalWords(r.code)?.title]),
      );
  },
};

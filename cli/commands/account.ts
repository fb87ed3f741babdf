// Who the token belongs to.
import { type Context, type Command, UsageError } from '../command';
import { cell, t } from '../i18n';

type Me = { actor: { role: string; id: string; unitId?: string } };

const whoAmI = (ctx: Context) => ctx.api.request<Me>('GET', '/v1/me');

/** The unit an application or batch is for: the one given, else the clerk's own (a clerk's key names it). */
export async function applyingUnit(ctx: Context, given: string | undefined): Promise<string> {
  if (given) return given;
  const me = await whoAmI(ctx);
  if (me.actor.unitId) return me.actor.unitId;
  throw new UsageError(
    t('--unit is required: a {role}\'s key belongs to no unit (or give "unitId" in the file)', {
      role: cell(me.actor.role),
    }),
  );
}

export const accountCommands: Command[] = [
  {
    name: 'me',
    args: [],
    summary: 'Whose token this is: role, account ID and unit.',
    options: {},
    async run(ctx) {
      const me = await whoAmI(ctx);
      ctx.out.data(me);
      ctx.out.text(
        `${cell(me.actor.role)} ${me.actor.id}` +
          (me.actor.unitId ? ` (${t('unit {unit}', { unit: me.actor.unitId })})` : ''),
      );
    },
  },
];

// Who the token belongs to.
import type { Command } from '../command';

export const accountCommands: Command[] = [
  {
    name: 'me',
    args: [],
    summary: 'Whose token this is: role, account ID and unit.',
    options: {},
    async run(ctx) {
      const me = await ctx.api.request<{ actor: { role: string; id: string; unitId?: string } }>(
        'GET',
        '/v1/me',
      );
      ctx.out.data(me);
      ctx.out.text(`${me.actor.role} ${me.actor.id}${me.actor.unitId ? ` (unit ${me.actor.unitId})` : ''}`);
    },
  },
];

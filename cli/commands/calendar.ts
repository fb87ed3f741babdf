// Calendar administration: publishing (or correcting) a year of official holidays and swapped working days.
import type { CalendarPublication } from '../../client/admin';
import { type Command, UsageError } from '../command';
import { isRecord, readJson } from '../files';

export const calendarCommands: Command[] = [
  {
    name: 'calendar publish',
    args: ['<year>', '<file.json>'],
    summary: "Publish a year's holidays and swapped working days (admins).",
    details:
      'The file: {"holidays": ["2027-01-01", ...], "workdays": ["2027-02-07", ...]} (workdays: weekend days\n' +
      'declared working days). Administrators only.',
    options: {},
    async run(ctx, parsed) {
      const year = Number(parsed.positionals[0]);
      if (!Number.isInteger(year) || year < 2000 || year > 2100)
        throw new UsageError('<year> is a year such as 2027');
      const content = readJson(parsed.positionals[1]!);
      if (!isRecord(content)) throw new UsageError('the file must be a JSON object {"holidays", "workdays"}');
      if (content.year !== undefined && content.year !== year)
        throw new UsageError(`the file is for ${JSON.stringify(content.year)}, not ${year}`);
      const result = await ctx.api.request<CalendarPublication>('PUT', `/v1/admin/calendar/${year}`, {
        body: { year, holidays: content.holidays, workdays: content.workdays },
        idempotent: true,
      });
      ctx.out.data(result);
      const { year: stored } = result;
      ctx.out.text(
        `published ${stored.year} (revision ${stored.revision}): ${stored.holidays.length} holidays, ` +
          `${stored.workdays.length} swapped working days`,
      );
      ctx.out.text(
        `deadlines derived again for ${result.applicationsSignalled} applications in flight` +
          (result.applicationsClosedMeanwhile
            ? ` (${result.applicationsClosedMeanwhile} closed meanwhile)`
            : ''),
      );
    },
  },
];

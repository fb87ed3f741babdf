// Calendar administration: publishing (or correcting) a year of official holidays and swapped working days.
import type { CalendarPublication } from '../../client/admin';
import { type Command, UsageError } from '../command';
import { isRecord, readJson } from '../files';
import { t } from '../i18n';

export const calendarCommands: Command[] = [
  {
    name: 'calendar publish',
    args: ['<year>', '<file.json>'],
    summary: "Publish a year's holidays and swapped working days (admins).",
    details:
      'The file: {"holidays": ["2027-01-01", ...], "workdays": ["2027-02-07", ...]}.\n' +
      'workdays: weekend days declared working days. Administrators only.',
    options: {},
    async run(ctx, parsed) {
      const year = Number(parsed.positionals[0]);
      if (!Number.isInteger(year) || year < 2000 || year > 2100)
        throw new UsageError(t('<year> is a year such as 2027'));
      const content = readJson(parsed.positionals[1]!);
      if (!isRecord(content))
        throw new UsageError(t('the file must be a JSON object {"holidays", "workdays"}'));
      if (content.year !== undefined && content.year !== year)
        throw new UsageError(
          t('the file is for {theirs}, not {year}', { theirs: JSON.stringify(content.year), year }),
        );
      const result = await ctx.api.request<CalendarPublication>('PUT', `/v1/admin/calendar/${year}`, {
        body: { year, holidays: content.holidays, workdays: content.workdays },
        idempotent: true,
      });
      ctx.out.data(result);
      const { year: stored } = result;
      ctx.out.text(
        t('published {year} (revision {revision}): {holidays} holidays, {workdays} swapped working days', {
          year: stored.year,
          revision: stored.revision,
          holidays: stored.holidays.length,
          workdays: stored.workdays.length,
        }),
      );
      ctx.out.text(
        t('deadlines derived again for {n} applications in flight', { n: result.applicationsSignalled }) +
          (result.applicationsClosedMeanwhile
            ? t(' ({n} closed meanwhile)', { n: result.applicationsClosedMeanwhile })
            : ''),
      );
    },
  },
];

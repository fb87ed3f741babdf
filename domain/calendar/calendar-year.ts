// One year of China's official calendar as the State Council publishes it: the days off (holiday blocks, which
// may include weekend days) and the weekend days declared working days (调休).
import { z } from 'zod';
import { isRealDate, isWeekend, localDatePattern, type LocalDate } from './shanghai-time';

/** A real calendar date written YYYY-MM-DD, as every edge receives local dates. */
export const localDateSchema = z
  .string()
  .regex(localDatePattern, 'a date written YYYY-MM-DD')
  .refine(isRealDate, 'an impossible date: no such day in the calendar');

// The pattern only: whether a date is real and inside its year is reported by calendarYearProblems, with the
// date itself in the message so an administrator sees which line to fix.
const localDate = z.string().regex(localDatePattern, 'a date YYYY-MM-DD');

const inputShape = {
  year: z.number().int().min(2000).max(2100),
  // Generous bounds against a pasted file of the wrong kind: a real year has about 30 days off and 10 swaps.
  holidays: z.array(localDate).max(120),
  workdays: z.array(localDate).max(40),
};

const yearShape = {
  ...inputShape,
  /** Where the year came from: 'chinese-days@1.5.7' for the maintained package, 'admin:<account>' for a person. */
  source: z.string().min(1),
  revision: z.number().int().min(1),
  updatedAt: z.iso.datetime(),
};

const inputObject = z.object(inputShape);
type InputFields = z.infer<typeof inputObject>;

/** What an administrator publishes. */
export const calendarYearInputSchema = inputObject.superRefine(reportProblems);
export type CalendarYearInput = z.infer<typeof calendarYearInputSchema>;

/** A year as stored, with where it came from and how often it changed. */
export const calendarYearSchema = z.object(yearShape).superRefine(reportProblems);
export type CalendarYear = z.infer<typeof calendarYearSchema>;

/** What is wrong with a publication, one line per problem; empty when it can be stored. */
export function calendarYearProblems(input: unknown): string[] {
  const parsed = inputObject.safeParse(input);
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join('.') || 'year'}: ${i.message}`);
  return ruleProblems(parsed.data);
}

function ruleProblems(input: InputFields): string[] {
  const problems: string[] = [];
  const inYear = (day: LocalDate) => day.startsWith(`${input.year}-`);
  for (const [list, days] of [
    ['holidays', input.holidays],
    ['workdays', input.workdays],
  ] as const) {
    const seen = new Set<string>();
    for (const day of days) {
      if (!isRealDate(day)) problems.push(`${list}: ${day} is not a real date`);
      else if (!inYear(day)) problems.push(`${list}: ${day} is not in ${input.year}`);
      if (seen.has(day)) problems.push(`${list}: ${day} is listed twice`);
      seen.add(day);
    }
  }
  const holidays = new Set(input.holidays);
  for (const day of input.workdays) {
    if (holidays.has(day)) problems.push(`${day} is both a holiday and a working day`);
    if (isRealDate(day) && !isWeekend(day)) {
      problems.push(`workdays: ${day} is not a Saturday or Sunday (weekdays are working days anyway)`);
    }
  }
  return problems;
}

function reportProblems(input: InputFields, ctx: z.RefinementCtx): void {
  for (const message of ruleProblems(input)) ctx.addIssue({ code: 'custom', message });
}

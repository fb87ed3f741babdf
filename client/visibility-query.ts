// Values written into a Temporal visibility query: one way to quote them for every query sscard builds.

/** A value as a visibility query's string literal. */
export const quoted = (value: string): string => `'${value.replace(/'/g, "\\'")}'`;

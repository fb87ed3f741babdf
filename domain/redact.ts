// Text from outside sscard's own messages (a driver's or a library's error) may quote what it was given: a name,
// a resident ID number, a phone. Before such text reaches a log it loses every quoted value, every run of Chinese
// characters and every long number; what is left (the error's kind and where it happened) still tells what broke.

const QUOTED = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g;
const HAN = /[\p{Script=Han}·]+/gu;
const LONG_NUMBER = /\d{6,}[\dXx]*/g;

export function redact(text: string): string {
  return text.replace(QUOTED, '"…"').replace(HAN, '…').replace(LONG_NUMBER, '…');
}

// The release this code is, from package.json: what the API reports, and what a card application started by this
// client names as the release that started it (domain/application.ts, startedOn).
import fs from 'node:fs';
import path from 'node:path';

export const RELEASE = (
  JSON.parse(fs.readFileSync(path.resolve(__dirname, '../package.json'), 'utf8')) as { version: string }
).version;

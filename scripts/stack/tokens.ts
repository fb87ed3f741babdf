// The local stack's API keys: one per demo unit's clerk, an operator, a supervisor and an administrator, with
// tokens generated once into .data/stack/tokens.json (the API seeds them at start) and reused after restarts.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Actor } from '../../domain/actors';
import { DEMO_UNITS } from '../demo/run';

export interface LocalKey {
  name: string;
  actor: Actor;
  token: string;
}

const LOCAL_ACTORS: { name: string; actor: Actor }[] = [
  ...DEMO_UNITS.map((unit, i) => ({
    name: `clerk of ${unit.name}`,
    actor: { role: 'unit_clerk' as const, id: `demo-clerk-${i + 1}`, unitId: unit._id },
  })),
  { name: 'operator', actor: { role: 'operator', id: 'demo-operator' } },
  { name: 'supervisor', actor: { role: 'supervisor', id: 'demo-supervisor' } },
  { name: 'administrator', actor: { role: 'admin', id: 'demo-admin' } },
];

export function localTokens(dataDir: string): { file: string; keys: LocalKey[] } {
  const file = path.join(dataDir, 'tokens.json');
  const known = fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { keys: LocalKey[] }).keys
    : [];
  const keys = LOCAL_ACTORS.map(
    ({ name, actor }) =>
      known.find((k) => k.actor.id === actor.id) ?? {
        name,
        actor,
        token: `ssk_local_${randomBytes(24).toString('base64url')}`,
      },
  );
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ keys }, null, 2), { mode: 0o600 });
  return { file, keys };
}

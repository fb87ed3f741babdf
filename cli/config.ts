// Where the command line finds the API and its token: flags first, then the environment, then the token file
// the local stack writes (.data/stack/tokens.json), picked by --as.
import fs from 'node:fs';
import path from 'node:path';

export const DEFAULT_API_URL = 'http://127.0.0.1:8080';
export const TOKEN_FILE = path.resolve(__dirname, '..', '.data', 'stack', 'tokens.json');
export const AS_ROLES = ['operator', 'supervisor', 'admin', 'clerk'] as const;

/** The actor role each --as picks. */
const ROLE_OF: Record<string, string> = {
  operator: 'operator',
  supervisor: 'supervisor',
  admin: 'admin',
  clerk: 'unit_clerk',
};

export class ConfigError extends Error {}

export interface Connection {
  apiUrl: string;
  token?: string;
}

export function resolveConnection(
  flags: { token?: string; as?: string; api?: string },
  env: NodeJS.ProcessEnv = process.env,
): Connection {
  const apiUrl = flags.api ?? env.SSCARD_API_URL ?? DEFAULT_API_URL;
  try {
    new URL(apiUrl);
  } catch {
    throw new ConfigError(`the API URL ${apiUrl} is not a URL (set SSCARD_API_URL or --api)`);
  }
  if (flags.token) return { apiUrl, token: flags.token };
  if (flags.as) return { apiUrl, token: tokenFromFile(env.SSCARD_TOKEN_FILE ?? TOKEN_FILE, flags.as) };
  if (env.SSCARD_TOKEN) return { apiUrl, token: env.SSCARD_TOKEN };
  return { apiUrl };
}

export function tokenFromFile(file: string, as: string): string {
  const role = ROLE_OF[as];
  if (!role) {
    throw new ConfigError(`--as ${as}: choose one of ${AS_ROLES.join(', ')}`);
  }
  let content: unknown;
  try {
    content = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : 'it is not JSON';
    throw new ConfigError(
      `--as ${as} reads the token file ${file}, but ${reason}: start the stack (npm start) or pass --token`,
    );
  }
  const token = findToken(content, role);
  if (!token) throw new ConfigError(`the token file ${file} has no token for ${as}`);
  return token;
}

/** The first key of that role in the stack's file, the API's seed file: { keys: [{ name, actor, token }] }. */
function findToken(content: unknown, role: string): string | undefined {
  const keys = (content as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) return undefined;
  const key = (keys as { actor?: { role?: unknown }; token?: unknown }[]).find(
    (k) => k?.actor?.role === role,
  );
  return typeof key?.token === 'string' ? key.token : undefined;
}

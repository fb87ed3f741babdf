// The API process: opens sscard from configuration, seeds the keys of a tokens file when given one (the local
// stack does), serves the API and the console until SIGINT/SIGTERM.
import fs from 'node:fs';
import { z } from 'zod';
import { actorSchema } from '../domain/actor-schemas';
import { runMain, stopOnSignals } from '../config/process';
import { openSscard } from '../client/connect';
import { seedApiKeys } from './auth';
import { createLog } from '../observability/logger';
import { createApiServer } from './server';

const tokensFileSchema = z.object({
  keys: z.array(z.object({ name: z.string(), actor: actorSchema, token: z.string() })),
});

async function main(): Promise<void> {
  const system = await openSscard(process.env, 'api');
  const { config } = system;
  const log = createLog('api', config.SSCARD_LOG_LEVEL);
  const seedFile = process.env.SSCARD_API_SEED_KEYS;
  if (seedFile) {
    const { keys } = tokensFileSchema.parse(JSON.parse(fs.readFileSync(seedFile, 'utf8')));
    await seedApiKeys(system.stores, keys);
    log({ level: 'info', msg: `seeded ${keys.length} API keys from ${seedFile}` });
  }
  const api = createApiServer({
    client: system.client,
    stores: system.stores,
    temporal: system.temporal,
    config: {
      partnerSecrets: config.SSCARD_PARTNER_SECRETS,
      uiOrigin: config.SSCARD_UI_ORIGIN,
      codecTrustLoopback: config.SSCARD_CODEC_TRUST_LOOPBACK,
      log,
      ...(system.tracing ? { tracer: system.tracing.tracer } : {}),
    },
  });
  const url = await api.listen(config.SSCARD_API_PORT, config.SSCARD_API_HOST);
  log({
    level: 'info',
    msg: `sscard api ready on ${url} (reference: ${url}/docs/, console: ${url}/console/)`,
  });

  stopOnSignals(async () => {
    await api.close();
    await system.close();
  });
}

runMain('api', main);

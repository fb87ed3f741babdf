// The simulator server process of the local stack: the four simulated partners behind their HTTP contract, the
// manufacturer and the bank calling back to the API by signed webhook. Runs until SIGINT/SIGTERM.
import { ConfigError, loadConfig } from '../../config';
import { runMain, stopOnSignals } from '../../config/process';
import { createLog } from '../../observability/logger';
import { connectMongo } from '../../store/mongo';
import { createSimulators } from '.';
import { simulatorSettings } from '..';
import {
  courierReportsByWebhook,
  paymentReportsByWebhook,
  receiptsByWebhook,
  reportByWebhook,
  useReportsByWebhook,
} from './webhooks';
import { startSimulatorServer } from './server';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLog('partners', config.SSCARD_LOG_LEVEL);
  const { client: mongo } = await connectMongo(config.MONGODB_URI, config.SSCARD_PARTNERS_DB);
  const sims = createSimulators(mongo.db(config.SSCARD_PARTNERS_DB), simulatorSettings(config));
  const secretOf = (partner: string): string => {
    const secret = config.SSCARD_PARTNER_SECRETS[partner]?.[0];
    if (!secret)
      throw new ConfigError(`SSCARD_PARTNER_SECRETS: the simulated ${partner} needs a secret to sign with`);
    return secret;
  };
  const apiUrl = config.SSCARD_API_URL;
  sims.attach({
    printReports: reportByWebhook({ apiUrl, secret: secretOf('card-manufacturer') }),
    cardReceipts: receiptsByWebhook({ apiUrl, secret: secretOf('cooperative-bank') }),
    courierReports: courierReportsByWebhook({ apiUrl, secret: secretOf('courier') }),
    paymentReports: paymentReportsByWebhook({ apiUrl, secret: secretOf('payment-provider') }),
  });
  sims.terminals.attach(
    useReportsByWebhook({
      apiUrl,
      secrets: { terminals: secretOf('card-terminals'), bank: secretOf('cooperative-bank') },
    }),
  );
  await sims.manufacturer.resume();
  await sims.courier.resume();
  await sims.payment.resume();
  const server = await startSimulatorServer(
    { sims, ...(config.SSCARD_PARTNERS_TOKEN ? { token: config.SSCARD_PARTNERS_TOKEN } : {}) },
    config.SSCARD_SIM_PORT,
  );
  log({ level: 'info', msg: `sscard partner simulators ready on ${server.url}` });
  stopOnSignals(async () => {
    sims.manufacturer.stop();
    sims.courier.stop();
    sims.payment.stop();
    await server.close();
    await mongo.close();
  });
}

runMain('partners', main);

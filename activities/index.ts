// All activities of the card workflow, built over their dependencies. Only workers/ builds the real ones.
import type { Partners } from '../integrations/ports';
import type { ActivityPorts } from '../store/ports/activities';
import { createAcceptanceActivities } from './acceptance';
import { createBankActivities } from './bank';
import { createBatchActivities } from './batch';
import { createCardLifeActivities } from './card-life';
import { createComingOfAgeActivities } from './coming-of-age';
import { createComparisonActivities } from './comparison';
import { createCounterPrintingActivities } from './counter-printing';
import { createDeliveryActivities } from './delivery';
import { createECardActivities } from './ecard';
import { createNationalRegistryActivities } from './national-registry';
import { createEscalationActivities } from './escalation';
import { refusalsAreFinal } from './failures';
import { createIssuanceActivities } from './issuance';
import { createLegacyActivities } from './legacy';
import type { SignedLinks } from './links';
import type { Keyring } from '../crypto/keyring';
import { createNotificationActivities } from './notification';
import { createPaymentActivities } from './payment';
import { createPrintingActivities } from './printing';
import { createRecordActivities } from './records';
import { createRegistryActivities } from './registry';
import { createRenewalActivities } from './renewal';

export interface ActivityDeps {
  stores: ActivityPorts;
  partners: Partners;
  /** The signed links sscard hands out: "where is my card?" in the issuance SMS, the print order's photo. */
  links?: SignedLinks;
  /** Opens what sscard seals at rest (an online application's delivery address). */
  keyring?: Keyring;
}

export function createActivities({ stores, partners, links, keyring }: ActivityDeps) {
  return refusalsAreFinal({
    ...createRecordActivities({ stores }),
    ...createAcceptanceActivities({ stores }),
    ...createComparisonActivities({ stores, bank: partners.bank }),
    ...createRegistryActivities({ stores }),
    ...createPrintingActivities({
      stores,
      manufacturer: partners.manufacturer,
      national: partners.national,
      notifier: partners.notifier,
      ...(links ? { links } : {}),
    }),
    ...createCounterPrintingActivities({
      stores,
      printer: partners.printer,
      national: partners.national,
      ...(links ? { links } : {}),
    }),
    ...createDeliveryActivities({
      stores,
      courier: partners.courier,
      notifier: partners.notifier,
      ...(keyring ? { keyring } : {}),
    }),
    ...createBankActivities({ stores, bank: partners.bank, notifier: partners.notifier }),
    ...createNotificationActivities({
      stores,
      notifier: partners.notifier,
      ...(links ? { links } : {}),
    }),
    ...createEscalationActivities({ stores, notifier: partners.notifier }),
    ...createIssuanceActivities({ stores }),
    ...createPaymentActivities({ stores, payment: partners.payment }),
    ...createBatchActivities({ stores, notifier: partners.notifier }),
    ...createLegacyActivities({ stores }),
    ...createCardLifeActivities({
      stores,
      bank: partners.bank,
      notifier: partners.notifier,
      terminals: partners.terminals,
    }),
    ...createComingOfAgeActivities({ stores, notifier: partners.notifier }),
    ...createRenewalActivities({ stores, notifier: partners.notifier }),
    ...createECardActivities({ stores, ecard: partners.ecard }),
    ...createNationalRegistryActivities({ stores, national: partners.national }),
  });
}

export type Activities = ReturnType<typeof createActivities>;

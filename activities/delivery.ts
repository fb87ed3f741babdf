// Step 7 of the online lane: the parcel booked with the courier, the person's SMS with the tracking number and the
// code to sign with, and the notice when the parcel came back to a service point. The address is opened here from
// its sealed copy on the application; it never travels through Temporal.
import { open } from '../crypto/aead';
import { deliveryCode, deliveryCodeHash } from '../crypto/delivery-code';
import type { Keyring } from '../crypto/keyring';
import type { Courier, DeliveryAddress, Notifier } from '../integrations/ports';
import type { DeliveryPort } from '../store/ports/activities';
import { callPartner, fatal } from './failures';
import { sendAndLog } from './notification';

export function createDeliveryActivities(deps: {
  stores: DeliveryPort;
  courier: Courier;
  notifier: Notifier;
  keyring?: Keyring;
}) {
  const { stores, courier, notifier } = deps;
  return {
    /** Books the parcel once (its ID is the courier's key) and sends the person its tracking number and code. */
    async dispatchParcel(input: {
      applicationId: string;
      cardId: string;
      parcelId: string;
      cardNumber: string;
      at: string;
      revision?: number;
      returnCounterId: string;
      codeValidDays: number;
    }): Promise<{ trackingNumber: string }> {
      const keyring = deps.keyring;
      if (!keyring) fatal('SERVICE_UNAVAILABLE', 'this worker has no keyring to open delivery addresses');
      const doc = await stores.applications.get(input.applicationId);
      if (!doc?.delivery) fatal('APPLICATION_NOT_FOUND', 'the application has no delivery address');
      const address = JSON.parse(
        open(keyring, doc.delivery.keyId, Buffer.from(doc.delivery.sealed, 'base64')).toString('utf8'),
      ) as DeliveryAddress;
      const counter = await stores.counters.get(input.returnCounterId);
      const returnTo = { counterId: input.returnCounterId, name: counter?.name ?? input.returnCounterId };
      const code = deliveryCode(keyring.personKeySecret, input.parcelId);
      const at = new Date(input.at);
      await stores.parcels.book({
        _id: input.parcelId,
        applicationId: input.applicationId,
        workflowId: doc.workflowId,
        cardId: input.cardId,
        status: 'booked',
        failedAttempts: 0,
        codeHash: deliveryCodeHash(keyring.personKeySecret, input.parcelId, code),
        codeExpiresAt: new Date(at.getTime() + input.codeValidDays * 86_400_000),
        returnTo,
        events: [],
        bookedAt: at,
      });
      // To whoever receives the parcel at the door, before the courier can ring: they sign with it.
      await sendAndLog(
        { notifier, notifications: stores.notifications },
        {
          key: `${input.applicationId}:delivery_code:person`,
          channel: 'sms',
          to: address.recipientPhone,
          template: 'delivery_code',
          params: { applicationId: input.applicationId, code },
        },
        { applicationId: input.applicationId, kind: 'delivery_code', audience: 'person' },
        input.at,
      );
      const { trackingNumber } = await callPartner(() =>
        courier.dispatch({ parcelId: input.parcelId, cardNumber: input.cardNumber, address, returnTo }),
      );
      await stores.parcels.dispatched(input.parcelId, trackingNumber);
      // Out for its holder: collected at the door, or at the counter it comes back to.
      await stores.cards.awaitCollection(input.cardId, at);
      return { trackingNumber };
    },
  };
}

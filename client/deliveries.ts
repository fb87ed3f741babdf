// A courier's reports on the parcels of the online lane, taken by the client library and handed to the
// application's workflow. A delivery counts only with the code sent to the recipient, before it expires: a wrong
// or late code is refused, nothing is noted, and the courier keeps the card (and reports a failed attempt).
import { WorkflowNotFoundError } from '@temporalio/client';
import { type Actor, PARTNER_ACCOUNTS } from '../domain/actors';
import { SscardError } from '../domain/errors';
import { courierReportSchema } from '../domain/messages';
import { deliveryCodeHash } from '../crypto/delivery-code';
import { parcelReportSignal } from '../workflows/card-application/messages';
import type { DeliveriesPort } from '../store/ports/client';
import { authorize, type ClientDeps } from './applications';
import { fromTemporal, parseOrThrow } from './errors';

export function createDeliveries({ temporal, stores, keyring }: ClientDeps<DeliveriesPort>) {
  return {
    async reportParcel(report: unknown, actor: Actor): Promise<{ accepted: true; applicationId: string }> {
      authorize(actor, 'report_partner_result');
      const { code, ...parsed } = parseOrThrow(courierReportSchema, report);
      const parcel = await stores.parcels.get(parsed.parcelId);
      // Another partner's account learns no more than that the parcel is not theirs.
      if (!parcel || actor.id !== PARTNER_ACCOUNTS.courier.id) throw new SscardError('PARCEL_UNKNOWN');
      if (code !== undefined) {
        if (deliveryCodeHash(keyring.personKeySecret, parcel._id, code) !== parcel.codeHash)
          throw new SscardError('DELIVERY_CODE_INVALID');
        if (new Date(parsed.at) > parcel.codeExpiresAt) throw new SscardError('DELIVERY_CODE_EXPIRED');
      }
      await stores.parcels.note(parcel._id, parsed.event, new Date(parsed.at), parsed.attempt);
      // Each report goes to the workflow, which takes each event of an attempt once (a resend changes nothing).
      await temporal.workflow
        .getHandle(parcel.workflowId)
        .signal(parcelReportSignal, parsed)
        .catch((error: unknown) =>
          error instanceof WorkflowNotFoundError ? undefined : fromTemporal(error),
        );
      return { accepted: true, applicationId: parcel.applicationId };
    },
  };
}

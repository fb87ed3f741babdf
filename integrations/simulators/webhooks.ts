// How the simulated partners call back when they run as their own service: as Standard Webhooks to sscard's
// callback URLs, signed with the partner's first active secret, one message ID per message (a resend after a lost
// answer is the same message, and sscard knows it). An answer that says the message is in, or was before, ends the
// delivery; anything else is thrown, and the partner's outbox sends again a second later.
import { signCallback } from '../../api/signatures';
import type { CardReceipt, PrintReport } from '../../domain/messages';
import type {
  CardReceiptSink,
  CourierReport,
  CourierReportSink,
  PaymentReport,
  PaymentReportSink,
  PrintReportSink,
} from '../ports';
import type { UseReportMessage, UseReportSink } from './terminals';

interface WebhookOptions {
  apiUrl: string;
  secret: string;
  timeoutMs?: number;
}

function webhook<T>(
  options: WebhookOptions,
  path: string,
  messageId: (body: T) => string,
  delivered: readonly string[],
): (body: T) => Promise<void> {
  const url = `${options.apiUrl.replace(/\/+$/, '')}${path}`;
  return async (message) => {
    const body = JSON.stringify(message);
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...signCallback(options.secret, body, { id: messageId(message) }),
      },
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    if (response.ok) return;
    const answer = (await response.json().catch(() => ({}))) as { error?: { code?: string } };
    if (delivered.includes(answer.error?.code ?? '')) return;
    throw new Error(`callback to ${path} refused: HTTP ${response.status} ${answer.error?.code ?? ''}`);
  };
}

/** The manufacturer's print reports. */
export const reportByWebhook = (options: WebhookOptions): PrintReportSink =>
  webhook<PrintReport>(
    options,
    '/v1/partners/manufacturer/print-reports',
    (report) => `print-report-${report.orderId}`,
    ['ORDER_ALREADY_REPORTED', 'ORDER_UNKNOWN', 'SIGNATURE_REPLAYED'],
  );

/** The bank's receipts of the cards shipped to it. */
export const receiptsByWebhook = (options: WebhookOptions): CardReceiptSink =>
  webhook<CardReceipt>(
    options,
    '/v1/partners/bank/card-receipts',
    (receipt) => `card-receipt-${receipt.shipmentId}`,
    ['SIGNATURE_REPLAYED'],
  );

/**
 * The courier's reports of its parcels. A report is one message however often it is sent (its `at` is fixed when the
 * courier makes it); a report on a parcel sscard does not know is done with.
 */
export const courierReportsByWebhook = (options: WebhookOptions): CourierReportSink =>
  webhook<CourierReport>(
    options,
    '/v1/partners/courier/reports',
    (report) =>
      `courier-report-${report.parcelId}-${report.event}-${report.attempt ?? 0}-${Date.parse(report.at)}`,
    ['PARCEL_UNKNOWN', 'SIGNATURE_REPLAYED'],
  );

/** The payment provider's reports: one message per payment of a charge; one on a charge sscard does not know is done. */
export const paymentReportsByWebhook = (options: WebhookOptions): PaymentReportSink =>
  webhook<PaymentReport>(
    options,
    '/v1/partners/payment/reports',
    (report) => `payment-report-${report.chargeId}-${report.event}`,
    ['PAYMENT_CHARGE_UNKNOWN', 'SIGNATURE_REPLAYED'],
  );

/**
 * The card-use reports of the terminals' network, and of the bank for what happens at its branches: each signed with
 * its sender's secret, its message ID fixed when the event happened (a resend is the same report).
 */
export const useReportsByWebhook =
  (
    options: Omit<WebhookOptions, 'secret'> & { secrets: Record<UseReportMessage['from'], string> },
  ): UseReportSink =>
  (message) =>
    webhook<UseReportMessage['report']>(
      { ...options, secret: options.secrets[message.from] },
      '/v1/partners/card-use/reports',
      () => message.messageId,
      ['SIGNATURE_REPLAYED'],
    )(message.report);

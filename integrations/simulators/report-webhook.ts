// How the simulated manufacturer delivers its print reports when it runs as its own service: as Standard Webhooks
// to sscard's callback URL, signed with its first active secret, one message ID per report (a resend after a lost
// answer is the same message, and sscard knows it). An answer that says the report is in, or was before, ends the
// delivery; anything else is thrown, and the manufacturer's outbox sends again a second later.
import { signCallback } from '../../api/signatures';
import type { PrintReportSink } from '../ports';

const DELIVERED = new Set(['ORDER_ALREADY_REPORTED', 'ORDER_UNKNOWN', 'SIGNATURE_REPLAYED']);

export function reportByWebhook(options: {
  apiUrl: string;
  secret: string;
  timeoutMs?: number;
}): PrintReportSink {
  const url = `${options.apiUrl.replace(/\/+$/, '')}/v1/partners/manufacturer/print-reports`;
  return async (report) => {
    const body = JSON.stringify(report);
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...signCallback(options.secret, body, { id: `print-report-${report.orderId}` }),
      },
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    if (response.ok) return;
    const answer = (await response.json().catch(() => ({}))) as { error?: { code?: string } };
    if (DELIVERED.has(answer.error?.code ?? '')) return;
    throw new Error(`print report refused: HTTP ${response.status} ${answer.error?.code ?? ''}`);
  };
}

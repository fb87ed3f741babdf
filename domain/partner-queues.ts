// Partner calls run on task queues of their own, one per partner, so that each partner's quota is kept by the
// Temporal server across every worker (a task queue's activity rate limit), and a slow partner holds up only its
// own calls. Shared by the workflows (which route the calls) and the workers (which poll the queues).
export const PARTNER_QUEUES = ['bank', 'manufacturer', 'printer', 'courier', 'notifier', 'payment'] as const;
export type PartnerQueue = (typeof PARTNER_QUEUES)[number];

/** The partner each partner-calling activity talks to. */
export const PARTNER_OF_ACTIVITY: Readonly<Record<string, PartnerQueue>> = {
  compareIdentity: 'bank',
  openBankAccount: 'bank',
  closeBankAccount: 'bank',
  placePrintOrder: 'manufacturer',
  cancelPrintOrder: 'manufacturer',
  printAtCounter: 'printer',
  settleCounterPrint: 'printer',
  notifyWhereToCollect: 'notifier',
  dispatchParcel: 'courier',
  notifyUnit: 'notifier',
  notifyStaff: 'notifier',
  notifyIssuance: 'notifier',
  remindCollection: 'notifier',
  notifyWithdrawal: 'notifier',
  notifyPreviousCardRestored: 'notifier',
  notifyBatchUnit: 'notifier',
  escalate: 'notifier',
  setFinancialFunction: 'bank',
  notifyCardHolder: 'notifier',
  requestPayment: 'payment',
  refundPayment: 'payment',
};

export const partnerTaskQueue = (taskQueue: string, partner: PartnerQueue): string =>
  `${taskQueue}-${partner}`;

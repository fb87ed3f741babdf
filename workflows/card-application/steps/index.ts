// The seven steps of card issuance, in the order workflow.ts runs them, and the withdrawal that can stop them.
// Steps record their transitions in the state; the recorder writes them once per workflow task.
export { accept } from './acceptance';
export { auditAndCompare } from './comparison';
export { register } from './registration';
export { settleFee } from './fee';
export { print } from './printing';
export { printAtCounter, watchInstantTarget } from './instant';
export { openAccount, notify } from './bank-and-notice';
export { collect } from './collection';
export { endRenewedCard } from './renewal';
export { deliver } from './delivery';
export { withdraw } from './withdrawal';

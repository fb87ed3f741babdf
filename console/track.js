// "Where is my card?" for the person: opened from the link of the issuance SMS (/track/<link>), or with the
// resident ID number and a code sent to the phone on record. Public, no token: the API decides what it shows.
import { $, call, sendCodeFrom, showError, showFacts } from './public.js';

const STAGES = {
  accepted: '已受理 · accepted',
  auditing: '审核中 · being checked',
  awaiting_review: '人工审核中 · with an operator',
  comparing: '银行比对中 · being compared by the bank',
  returned: '退回单位修改 · returned to your unit for a correction',
  registering: '登记中 · being registered',
  printing: '制卡中 · being printed',
  print_failed: '重新制卡中 · being printed again',
  bank_account: '开通金融功能 · account being opened',
  notifying: '即将可领 · almost ready',
  awaiting_collection: '可以领卡 · ready for collection',
  in_delivery: '邮寄中 · on its way to you by courier',
  issued: '已领卡 · collected',
  withdrawn: '已撤回 · withdrawn',
  expired: '已过期 · expired',
  rejected: '不予受理 · not accepted',
};
const CARDS = {
  pending_print: '待制卡 · to be printed',
  printed: '已制卡 · printed',
  at_bank: '已送达合作银行 · at the bank',
  bank_activated: '金融功能已激活 · account opened',
  awaiting_collection: '待领卡 · ready for collection',
  issued: '正常使用 · in use',
  suspended: '临时挂失 · temporarily reported lost',
  lost: '正式挂失 · reported lost',
};

/** The parcel of an online application, as the courier last reported it. */
const PARCEL = {
  booked: '已交寄，待快递揽收 · handed to the courier',
  picked_up: '快递已揽收 · picked up',
  in_transit: '运输中 · in transit',
  out_for_delivery: '派送中 · out for delivery',
  attempt_failed: '投递未成功，将再次投递 · not delivered, another attempt follows',
  refused: '已拒收 · refused',
  delivered: '已签收 · delivered',
  returned: '已退回服务网点，请凭身份证领取 · back at the service point: collect it there',
};

function show(view) {
  const rows = [];
  const app = view.application;
  if (app) {
    rows.push(['申请 · Application', app.applicationId]);
    rows.push(['进度 · Stage', `${STAGES[app.stage] ?? app.stage}${app.step ? ` (${app.step}/7)` : ''}`]);
    if (app.expectedBy) rows.push(['预计办结 · Expected by', app.expectedBy]);
    if (app.collectAt) rows.push(['领卡地点 · Collect at', app.collectAt]);
  }
  const parcel = view.delivery;
  if (parcel) {
    rows.push(['快递单号 · Tracking number', parcel.trackingNumber ?? '—']);
    rows.push(['邮件 · Parcel', PARCEL[parcel.status] ?? parcel.status]);
    if (parcel.failedAttempts > 0) rows.push(['投递未成功 · Failed attempts', String(parcel.failedAttempts)]);
    if (parcel.returnedTo) rows.push(['邮件退回至 · Returned to', parcel.returnedTo]);
  }
  if (view.card) rows.push(['社保卡 · Card', CARDS[view.card.status] ?? view.card.status]);
  if (rows.length === 0) rows.push(['', '没有记录 · Nothing on record']);
  showFacts(rows);
  $('result').hidden = false;
}

async function start() {
  const link = location.pathname.match(/^\/track\/([A-Za-z0-9._-]+)$/);
  if (link) {
    try {
      show(await call('GET', `/v1/track/links/${link[1]}`));
    } catch (error) {
      showError(error.message);
      $('ask').hidden = false;
    }
    return;
  }
  $('ask').hidden = false;
  sendCodeFrom('/v1/track/code', 'track-form');
  $('track-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    showError('');
    try {
      show(
        await call('POST', '/v1/track', { residentId: $('rid').value.trim(), code: $('code').value.trim() }),
      );
    } catch (error) {
      showError(error.message);
    }
  });
}

start();

// Applying online for one's own card (线上申领 + 邮寄): a code to the phone the population registry holds, then the
// code, the delivery address and, where the ID-card photo cannot be shared, a photo. The answer is the receipt; the
// address and the photo leave the page once sent. Public, no token: the API decides.
import { $, base64Of, call, sendCodeFrom, showError, showFacts } from './public.js';

/** Where the card's photo comes from, as the receipt says. */
const PHOTO = {
  agency: '使用公安身份证照片 · your ID-card photo, shared by public security',
  uploaded: '使用您上传的照片，审核后制卡 · the photo you sent, reviewed before the card is made',
};

function showReceipt(receipt) {
  const rows = [
    ['申请编号 · Application', receipt.applicationId],
    ['照片 · Photo', PHOTO[receipt.photo] ?? receipt.photo],
    [
      '邮寄 · Delivery',
      '制卡后快递寄出，凭短信签收码签收 · sent by courier once made; sign with the code of an SMS',
    ],
  ];
  showFacts(rows);
  $('code-form').hidden = true;
  $('apply-form').hidden = true;
  $('receipt').hidden = false;
}

sendCodeFrom('/v1/online/code', 'apply-form');

$('apply-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  showError('');
  const value = (id) => $(id).value.trim();
  const photo = $('photo').files[0];
  try {
    const receipt = await call('POST', '/v1/online/applications', {
      residentId: value('rid').toUpperCase(),
      code: value('code'),
      address: {
        region: value('region'),
        line: value('line'),
        recipientName: value('recipient'),
        recipientPhone: value('recipient-phone'),
      },
      ...(photo ? { photoJpegBase64: await base64Of(photo) } : {}),
    });
    for (const id of ['rid', 'code', 'region', 'line', 'recipient', 'recipient-phone', 'photo'])
      $(id).value = '';
    showReceipt(receipt);
  } catch (error) {
    showError(error.message);
  }
});

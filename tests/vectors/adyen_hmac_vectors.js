#!/usr/bin/env node
// Writes Adyen standard-notification webhook vectors signed by Adyen's own Node SDK
// (@adyen/api-library HmacValidator), so the C++ connector is checked against the processor's
// reference implementation rather than against a re-implementation of the same reading of the docs.
//
//   node tests/vectors/adyen_hmac_vectors.js OUTFILE
//
// Every vector is also round-tripped through the SDK's validateHMAC on the body as it will be sent
// (JSON.parse of the exact bytes), so a vector the SDK itself would not accept never reaches the
// C++ test; tampered bodies are checked to be rejected by the SDK too.
'use strict';

const fs = require('fs');
const path = require('path');

const testsDir = path.resolve(__dirname, '..');

function loadSdk() {
  try {
    return require(require.resolve('@adyen/api-library', {paths: [testsDir]}));
  } catch (e) {
    console.error(
        `adyen_hmac_vectors: cannot load @adyen/api-library from ${testsDir}/node_modules ` +
        `(${e.code || e.message}).\nRun tests/install-node-deps.sh first.`);
    process.exit(2);
  }
}

const outFile = process.argv[2];
if (!outFile) {
  console.error('usage: node tests/vectors/adyen_hmac_vectors.js OUTFILE');
  process.exit(2);
}

const {hmacValidator: HmacValidator} = loadSdk();
const sdkVersion = require(require.resolve('@adyen/api-library/package.json', {paths: [testsDir]})).version;
const validator = new HmacValidator();

// Fixed keys keep failures reproducible; the second one signs the "wrong key" vector.
const KEY = '44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056';
const OTHER_KEY = '6A3F1B0E9D2C4B7A8E5F0D1C2B3A49586F7E6D5C4B3A29180F1E2D3C4B5A6978';

const MERCHANT = 'ConnectorServiceECOM';

// Items as Adyen sends them. `expect` is what the connector must report, independent of how the
// item is signed: the event code, the psp reference, the original (payment) reference, the amount,
// and the success flag (the connector maps it to a status).
const items = [
  {
    name: 'authorisation_success',
    item: {
      pspReference: '7914073381342284',
      merchantAccountCode: MERCHANT,
      merchantReference: 'order-1001',
      amount: {value: 1000, currency: 'EUR'},
      eventCode: 'AUTHORISATION',
      eventDate: '2024-05-01T10:00:00+02:00',
      success: 'true',
      paymentMethod: 'visa',
      operations: ['CANCEL', 'CAPTURE', 'REFUND'],
      reason: '033899:1111:03/2030',
    },
  },
  {
    name: 'authorisation_refused',
    item: {
      pspReference: '8824073381342291',
      merchantAccountCode: MERCHANT,
      merchantReference: 'order-1002',
      amount: {value: 2599, currency: 'USD'},
      eventCode: 'AUTHORISATION',
      eventDate: '2024-05-01T10:01:00+02:00',
      success: 'false',
      paymentMethod: 'mc',
      reason: 'Refused',
    },
  },
  {
    name: 'capture_with_original_reference',
    item: {
      pspReference: '9914073381349901',
      originalReference: '7914073381342284',
      merchantAccountCode: MERCHANT,
      merchantReference: 'order-1001',
      amount: {value: 1000, currency: 'EUR'},
      eventCode: 'CAPTURE',
      eventDate: '2024-05-01T11:00:00+02:00',
      success: 'true',
      paymentMethod: 'visa',
    },
  },
  {
    name: 'refund_partial',
    item: {
      pspReference: '9914073381349955',
      originalReference: '7914073381342284',
      merchantAccountCode: MERCHANT,
      merchantReference: 'refund-1001-a',
      amount: {value: 400, currency: 'EUR'},
      eventCode: 'REFUND',
      eventDate: '2024-05-02T09:30:00+02:00',
      success: 'true',
      paymentMethod: 'visa',
    },
  },
  {
    name: 'refund_failed_flag',
    item: {
      pspReference: '9914073381349966',
      originalReference: '7914073381342284',
      merchantAccountCode: MERCHANT,
      merchantReference: 'refund-1001-b',
      amount: {value: 600, currency: 'EUR'},
      eventCode: 'REFUND',
      eventDate: '2024-05-02T09:31:00+02:00',
      success: 'false',
      reason: 'Insufficient balance on payment',
    },
  },
  {
    name: 'cancellation',
    item: {
      pspReference: '9914073381340077',
      originalReference: '8814073381342200',
      merchantAccountCode: MERCHANT,
      merchantReference: 'order-1003',
      amount: {value: 1500, currency: 'GBP'},
      eventCode: 'CANCELLATION',
      eventDate: '2024-05-01T12:00:00+02:00',
      success: 'true',
    },
  },
  {
    name: 'notification_of_chargeback',
    item: {
      pspReference: '9915555381340088',
      originalReference: '7914073381342284',
      merchantAccountCode: MERCHANT,
      merchantReference: 'order-1001',
      amount: {value: 1000, currency: 'EUR'},
      eventCode: 'NOTIFICATION_OF_CHARGEBACK',
      eventDate: '2024-06-01T08:00:00+02:00',
      success: 'true',
      reason: 'Fraudulent transaction',
      additionalData: {chargebackReasonCode: '10.4', disputeStatus: 'Undefended'},
    },
  },
  {
    // No originalReference at all: the signed string keeps an empty field in its place.
    name: 'no_original_reference_empty_merchant_reference',
    item: {
      pspReference: '7914073381342999',
      merchantAccountCode: MERCHANT,
      merchantReference: '',
      amount: {value: 500, currency: 'EUR'},
      eventCode: 'AUTHORISATION',
      eventDate: '2024-05-01T10:05:00+02:00',
      success: 'true',
    },
  },
  {
    // UTF-8 in a signed field: the SDK signs UTF-8 bytes; the body carries raw UTF-8.
    name: 'non_ascii_merchant_reference',
    item: {
      pspReference: '7914073381343111',
      merchantAccountCode: MERCHANT,
      merchantReference: 'Bestellung-Größe-€-東京-✓',
      amount: {value: 1999, currency: 'EUR'},
      eventCode: 'AUTHORISATION',
      eventDate: '2024-05-01T10:06:00+02:00',
      success: 'true',
    },
    escapeNonAscii: false,
  },
  {
    // The same, but as \uXXXX escapes in the JSON text: the signature covers the decoded value.
    name: 'non_ascii_merchant_reference_json_escaped',
    item: {
      pspReference: '7914073381343112',
      merchantAccountCode: MERCHANT,
      merchantReference: 'Ref-ñ-€-😀',
      amount: {value: 1999, currency: 'EUR'},
      eventCode: 'AUTHORISATION',
      eventDate: '2024-05-01T10:07:00+02:00',
      success: 'true',
    },
    escapeNonAscii: true,
  },
  {
    // A zero-value authorisation (card verification / mandate setup).
    name: 'amount_zero',
    item: {
      pspReference: '7914073381344222',
      merchantAccountCode: MERCHANT,
      merchantReference: 'mandate-77',
      amount: {value: 0, currency: 'EUR'},
      eventCode: 'AUTHORISATION',
      eventDate: '2024-05-01T10:08:00+02:00',
      success: 'true',
      additionalData: {'recurring.recurringDetailReference': '8415718415172200', 'recurring.shopperReference': 'shopper-77'},
    },
  },
  {
    name: 'jpy_amount',
    item: {
      pspReference: '7914073381345333',
      merchantAccountCode: MERCHANT,
      merchantReference: 'order-jp-1',
      amount: {value: 1500, currency: 'JPY'},
      eventCode: 'AUTHORISATION',
      eventDate: '2024-05-01T10:09:00+09:00',
      success: 'true',
    },
  },
];

function expectOf(item) {
  return {
    event_code: item.eventCode,
    psp_reference: item.pspReference,
    original_reference: item.originalReference || '',
    merchant_reference: item.merchantReference || '',
    amount: {value: item.amount.value, currency: item.amount.currency},
    success: item.success === 'true',
  };
}

function sign(item, key) {
  const copy = JSON.parse(JSON.stringify(item));
  copy.additionalData = Object.assign({}, copy.additionalData, {hmacSignature: validator.calculateHmac(copy, key)});
  return copy;
}

function escapeNonAscii(json) {
  return json.replace(/[\u0080-\uffff]/g, c => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

function body(signedItems, {escape = false} = {}) {
  const json = JSON.stringify({live: 'false', notificationItems: signedItems.map(i => ({NotificationRequestItem: i}))});
  return escape ? escapeNonAscii(json) : json;
}

// What the SDK says about each item of a body as it will be received.
function sdkVerdicts(rawBody, key) {
  return JSON.parse(rawBody).notificationItems.map(n => {
    try {
      return validator.validateHMAC(n.NotificationRequestItem, key);
    } catch (e) {
      return false;  // "Missing hmacSignature"
    }
  });
}

const valid = [];
const tampered = [];
const problems = [];

for (const {name, item, escapeNonAscii: escape} of items) {
  const signed = sign(item, KEY);
  const raw = body([signed], {escape});
  valid.push({name, body: raw, signed_string: validator.getDataToSign(item), expect: [expectOf(item)]});
}

// Several items in one notification, as Adyen batches them.
{
  const batch = [items[0], items[2], items[3], items[6]].map(v => v.item);
  valid.push({
    name: 'multi_item_batch',
    body: body(batch.map(i => sign(i, KEY))),
    expect: batch.map(expectOf),
  });
}

// Tampered bodies: the signature no longer matches what it claims to cover.
function tamper(kind, base, mutate) {
  const signed = sign(base.item, KEY);
  mutate(signed);
  tampered.push({name: `${kind}:${base.name}`, kind, body: body([signed])});
}
const byName = Object.fromEntries(items.map(v => [v.name, v]));
for (const base of [byName.authorisation_success, byName.capture_with_original_reference, byName.jpy_amount]) {
  tamper('amount_changed', base, s => { s.amount = {...s.amount, value: s.amount.value + 1}; });
  tamper('currency_changed', base, s => { s.amount = {...s.amount, currency: s.amount.currency === 'USD' ? 'EUR' : 'USD'}; });
  tamper('event_code_changed', base, s => { s.eventCode = s.eventCode === 'REFUND' ? 'CAPTURE' : 'REFUND'; });
  tamper('success_flipped', base, s => { s.success = s.success === 'true' ? 'false' : 'true'; });
  tamper('psp_reference_changed', base, s => { s.pspReference = s.pspReference.replace(/.$/, d => (d === '9' ? '0' : String(+d + 1))); });
  tamper('other_key', base, s => { s.additionalData.hmacSignature = validator.calculateHmac(base.item, OTHER_KEY); });
  tamper('signature_removed', base, s => { delete s.additionalData.hmacSignature; });
  tamper('signature_empty', base, s => { s.additionalData.hmacSignature = ''; });
}
tamper('amount_changed', byName.amount_zero, s => { s.amount = {...s.amount, value: 1}; });
tamper('merchant_reference_changed', byName.non_ascii_merchant_reference, s => { s.merchantReference = s.merchantReference + 'x'; });
tamper('original_reference_added', byName.no_original_reference_empty_merchant_reference, s => { s.originalReference = '1111111111111111'; });
tamper('success_flipped', byName.authorisation_refused, s => { s.success = 'true'; });
// One good item and one forged item in the same batch: the whole body must be refused.
{
  const good = sign(items[0].item, KEY);
  const bad = sign(items[3].item, KEY);
  bad.amount = {...bad.amount, value: 99999};
  tampered.push({name: 'amount_changed:second_item_of_batch', kind: 'amount_changed', body: body([good, bad])});
}

// The SDK must agree with every expectation, or the vector is wrong, not the connector.
for (const v of valid) {
  if (!sdkVerdicts(v.body, KEY).every(Boolean)) problems.push(`SDK rejects valid vector ${v.name}`);
}
for (const t of tampered) {
  if (sdkVerdicts(t.body, KEY).every(Boolean)) problems.push(`SDK accepts tampered vector ${t.name}`);
}
if (problems.length) {
  console.error('adyen_hmac_vectors: inconsistent vectors:\n  ' + problems.join('\n  '));
  process.exit(1);
}

const out = {
  generator: 'tests/vectors/adyen_hmac_vectors.js',
  sdk: `@adyen/api-library ${sdkVersion} HmacValidator`,
  hmac_key: KEY,
  other_key: OTHER_KEY,
  valid,
  tampered,
};
fs.mkdirSync(path.dirname(path.resolve(outFile)), {recursive: true});
fs.writeFileSync(outFile, JSON.stringify(out, null, 2) + '\n');
console.log(`adyen_hmac_vectors: ${valid.length} valid and ${tampered.length} tampered bodies ` +
            `signed by @adyen/api-library ${sdkVersion} -> ${outFile}`);

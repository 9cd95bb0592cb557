#!/usr/bin/env node
// Writes Razorpay signature vectors judged by Razorpay's own Node SDK (`razorpay`,
// dist/utils/razorpay-utils: validateWebhookSignature and validatePaymentVerification), so the
// C++ connector's X-Razorpay-Signature and checkout `razorpay_signature` checks are held to the
// processor's reference implementation rather than to our reading of the docs.
//
//   node tests/vectors/razorpay_signature_vectors.js OUTFILE
//
// Signatures are made with Node's crypto as Razorpay documents them (lower-case hex
// HMAC-SHA256 of the raw body under the webhook secret; of "order_id|payment_id" under the key
// secret). Every vector is then put through the SDK: an "accepted" vector the SDK refuses, or a
// "rejected" one it accepts, stops the generator, so a wrong vector never reaches the C++ test.
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const testsDir = path.resolve(__dirname, '..');

function loadSdk() {
  try {
    const utils = require(require.resolve('razorpay/dist/utils/razorpay-utils', {paths: [testsDir]}));
    const pkg = require(require.resolve('razorpay/package.json', {paths: [testsDir]}));
    if (typeof utils.validateWebhookSignature !== 'function' ||
        typeof utils.validatePaymentVerification !== 'function')
      throw new Error('razorpay-utils lacks validateWebhookSignature / validatePaymentVerification');
    return {utils, version: pkg.version};
  } catch (e) {
    console.error(
        `razorpay_signature_vectors: cannot load razorpay from ${testsDir}/node_modules ` +
        `(${e.code || e.message}).\nRun tests/install-node-deps.sh first.`);
    process.exit(2);
  }
}

const outFile = process.argv[2];
if (!outFile) {
  console.error('usage: node tests/vectors/razorpay_signature_vectors.js OUTFILE');
  process.exit(2);
}

const {utils, version: sdkVersion} = loadSdk();

const WEBHOOK_SECRET = 'rzp_whsec_Vx7Qp2Lm9Nb4Kc8Jd3Hf';
const OTHER_WEBHOOK_SECRET = 'rzp_whsec_Other0Zy8xW7vU6tS5rQ';
const KEY_ID = 'rzp_test_Vc1Lm9Qx2Pz7Nb';
const KEY_SECRET = 'rzpKeySecretVectors0123456789ab';
const OTHER_KEY_SECRET = 'rzpKeySecretOther9876543210zyx';

function hmacHex(secret, data) {
  return crypto.createHmac('sha256', Buffer.from(secret, 'utf8')).update(Buffer.from(data, 'utf8')).digest('hex');
}

const ACC = 'acc_BFQ7uQEaa7j2z7';
const PAY = 'pay_Pq2VxA7mLk3NbC';
const ORDER = 'order_Pq2Vw9ZtRe4HsD';
const CREATED = 1764150000;

function payment(fields) {
  return Object.assign({
    id: PAY,
    entity: 'payment',
    amount: 50000,
    currency: 'INR',
    status: 'authorized',
    order_id: ORDER,
    invoice_id: null,
    international: false,
    method: 'card',
    amount_refunded: 0,
    refund_status: null,
    captured: false,
    description: 'Order 7001',
    card_id: 'card_Pq2VxB1cD2eF3g',
    bank: null,
    wallet: null,
    vpa: null,
    email: 'gaurav.kumar@example.com',
    contact: '+919000090000',
    customer_id: null,
    token_id: null,
    notes: {merchant_reference: 'order-7001'},
    fee: null,
    tax: null,
    error_code: null,
    error_description: null,
    error_source: null,
    error_step: null,
    error_reason: null,
    acquirer_data: {auth_code: '828553'},
    created_at: CREATED - 90,
  }, fields);
}

function refund(fields) {
  return Object.assign({
    id: 'rfnd_Pq2W0dRsxFyLpF',
    entity: 'refund',
    amount: 20000,
    currency: 'INR',
    payment_id: PAY,
    notes: {merchant_reference: 'refund-7001-1'},
    receipt: 'refund-7001-1',
    acquirer_data: {arn: null},
    created_at: CREATED - 30,
    batch_id: null,
    status: 'processed',
    speed_processed: 'normal',
    speed_requested: 'optimum',
  }, fields);
}

function dispute(fields) {
  return Object.assign({
    id: 'disp_Pq2W4kqyNq5jXY',
    entity: 'dispute',
    payment_id: PAY,
    amount: 50000,
    currency: 'INR',
    amount_deducted: 0,
    reason_code: 'chargeback',
    respond_by: CREATED + 7 * 86400,
    status: 'open',
    phase: 'chargeback',
    created_at: CREATED - 60,
  }, fields);
}

const capturedPayment = payment({status: 'captured', captured: true});

// Each event as Razorpay sends it ({entity:"event", event, contains, payload, created_at}, compact
// JSON) and what the connector must report: the unified kind, the id of the object it is about,
// the unified status, amount and merchant reference.
const events = [
  {
    event: 'payment.authorized',
    payload: {payment: {entity: payment({})}},
    expect: {kind: 'payment', object_id: PAY, operation_id: ORDER, status: 'authorized', amount: [50000, 'INR'],
             merchant_reference: 'order-7001'},
  },
  {
    event: 'payment.captured',
    payload: {payment: {entity: capturedPayment}},
    expect: {kind: 'payment', object_id: PAY, operation_id: ORDER, status: 'charged', amount: [50000, 'INR'],
             merchant_reference: 'order-7001'},
  },
  {
    event: 'payment.failed',
    payload: {payment: {entity: payment({
      status: 'failed',
      acquirer_data: {},
      error_code: 'BAD_REQUEST_ERROR',
      error_description: 'Your payment could not be completed due to insufficient account balance. Try again with another account.',
      error_source: 'customer',
      error_step: 'payment_authorization',
      error_reason: 'insufficient_balance',
    })}},
    expect: {kind: 'payment', object_id: PAY, operation_id: ORDER, status: 'failure', amount: [50000, 'INR'],
             merchant_reference: 'order-7001', decline: 'insufficient_funds', processor_code: 'BAD_REQUEST_ERROR',
             decline_code_raw: 'insufficient_balance'},
  },
  {
    // The order and the payment that paid it: the payment is the news.
    event: 'order.paid',
    payload: {
      payment: {entity: capturedPayment},
      order: {entity: {
        id: ORDER, entity: 'order', amount: 50000, amount_paid: 50000, amount_due: 0, currency: 'INR',
        receipt: 'order-7001', offer_id: null, status: 'paid', attempts: 1,
        notes: {merchant_reference: 'order-7001'}, created_at: CREATED - 120,
      }},
    },
    expect: {kind: 'payment', object_id: PAY, operation_id: ORDER, status: 'charged', amount: [50000, 'INR'],
             merchant_reference: 'order-7001'},
  },
  {
    event: 'refund.created',
    payload: {refund: {entity: refund({status: 'pending', speed_processed: null})}, payment: {entity: capturedPayment}},
    expect: {kind: 'refund', object_id: 'rfnd_Pq2W0dRsxFyLpF', payment_id: PAY, status: 'pending', amount: [20000, 'INR'],
             merchant_reference: 'refund-7001-1'},
  },
  {
    event: 'refund.processed',
    payload: {refund: {entity: refund({})}, payment: {entity: capturedPayment}},
    expect: {kind: 'refund', object_id: 'rfnd_Pq2W0dRsxFyLpF', payment_id: PAY, status: 'success', amount: [20000, 'INR'],
             merchant_reference: 'refund-7001-1'},
  },
  {
    event: 'refund.failed',
    payload: {refund: {entity: refund({status: 'failed', speed_processed: null})}, payment: {entity: capturedPayment}},
    expect: {kind: 'refund', object_id: 'rfnd_Pq2W0dRsxFyLpF', payment_id: PAY, status: 'failure', amount: [20000, 'INR'],
             merchant_reference: 'refund-7001-1'},
  },
  {
    event: 'payment.dispute.created',
    payload: {dispute: {entity: dispute({})}, payment: {entity: capturedPayment}},
    expect: {kind: 'dispute', object_id: 'disp_Pq2W4kqyNq5jXY', payment_id: PAY, status: 'opened', amount: [50000, 'INR']},
  },
  {
    event: 'payment.dispute.won',
    payload: {dispute: {entity: dispute({status: 'won', phase: 'chargeback'})}, payment: {entity: capturedPayment}},
    expect: {kind: 'dispute', object_id: 'disp_Pq2W4kqyNq5jXY', payment_id: PAY, status: 'won', amount: [50000, 'INR']},
  },
  {
    event: 'payment.dispute.lost',
    payload: {dispute: {entity: dispute({status: 'lost', amount_deducted: 50000})}, payment: {entity: capturedPayment}},
    expect: {kind: 'dispute', object_id: 'disp_Pq2W4kqyNq5jXY', payment_id: PAY, status: 'lost', amount: [50000, 'INR']},
  },
  {
    // An event the connector does not know: delivered as `other`, still verified and acknowledged.
    event: 'settlement.processed',
    payload: {settlement: {entity: {
      id: 'setl_Pq2W8xYtUv1Wz2', entity: 'settlement', amount: 4880000, status: 'processed', fees: 118000, tax: 18000,
      utr: '1568176960vxp0rj', created_at: CREATED - 10,
    }}},
    expect: {kind: 'other'},
  },
  {
    // UTF-8 in notes: the signature covers the raw bytes, not a re-encoding.
    name: 'payment.captured:non_ascii_notes',
    event: 'payment.captured',
    payload: {payment: {entity: payment({
      id: 'pay_Pq2WC3nA5cIi7Q', amount: 199900, status: 'captured', captured: true,
      notes: {merchant_reference: 'Bestellung-Größe-€-東京-✓', note: 'Ünïcödé 😀 नमस्ते'},
    })}},
    expect: {kind: 'payment', object_id: 'pay_Pq2WC3nA5cIi7Q', operation_id: ORDER, status: 'charged',
             amount: [199900, 'INR'], merchant_reference: 'Bestellung-Größe-€-東京-✓'},
  },
];

const accepted = [];
const rejected = [];
const problems = [];

// The SDK's verdict: validateWebhookSignature throws when the signature is undefined (no header)
// and otherwise answers true or false.
function sdkWebhook(v) {
  try {
    return utils.validateWebhookSignature(v.body, v.signature === null ? undefined : v.signature, v.secret) === true;
  } catch (e) {
    return false;
  }
}

let serial = 0;
const bodies = events.map(e => {
  serial++;
  const event = {
    entity: 'event',
    account_id: ACC,
    event: e.event,
    contains: Object.keys(e.payload),
    payload: e.payload,
    created_at: CREATED + serial,
  };
  return Object.assign({}, e, {
    name: e.name || e.event,
    event_id: `Pq2X${String(serial).padStart(4, '0')}aTestEvt`,
    body: JSON.stringify(event),
  });
});

function addAccepted(kind, ev, signature, {eventId = ev.event_id, suffix = ''} = {}) {
  accepted.push({name: `${kind}:${ev.name}${suffix}`, kind, body: ev.body, signature, event_id: eventId,
                 secret: WEBHOOK_SECRET, expect: Object.assign({event_type: ev.event}, ev.expect)});
}

function addRejected(kind, ev, body, signature, {secret = WEBHOOK_SECRET, reason = 'BAD_SIGNATURE', suffix = ''} = {}) {
  rejected.push({name: `${kind}:${ev.name}${suffix}`, kind, body, signature, event_id: ev.event_id, secret, reason});
}

for (const ev of bodies) {
  const good = hmacHex(WEBHOOK_SECRET, ev.body);
  addAccepted('valid', ev, good);

  const tampered = ev.body.replace(/"amount":(\d+)/, (_, n) => `"amount":${Number(n) + 100}`);
  if (tampered === ev.body) throw new Error(`no amount to tamper with in ${ev.name}`);
  addRejected('tampered_body', ev, tampered, good);
  addRejected('wrong_secret', ev, ev.body, hmacHex(OTHER_WEBHOOK_SECRET, ev.body));
  // The SDK compares the hex strings as they are (`expected === signature`): upper case fails.
  addRejected('upper_case', ev, ev.body, good.toUpperCase());
  addRejected('empty_signature', ev, ev.body, '');
  addRejected('header_missing', ev, ev.body, null);
  // The signature is right, but the endpoint has no webhook secret configured.
  addRejected('secret_missing', ev, ev.body, good, {secret: '', reason: 'MISSING_CREDENTIALS'});
}
// Without X-Razorpay-Event-Id the webhook is still genuine; the event id is then empty.
addAccepted('no_event_id', bodies[1], hmacHex(WEBHOOK_SECRET, bodies[1].body), {eventId: null});
// Changes that keep the JSON equal in meaning still break the signature: the bytes are signed.
{
  const ev = bodies[1];
  const good = hmacHex(WEBHOOK_SECRET, ev.body);
  addRejected('tampered_body', ev, JSON.stringify(JSON.parse(ev.body), null, 2), good, {suffix: ':pretty_printed'});
  addRejected('tampered_body', ev, ev.body + '\n', good, {suffix: ':trailing_newline'});
  addRejected('truncated_signature', ev, ev.body, good.slice(0, 62));
  addRejected('signature_with_space', ev, ev.body, ` ${good}`);
  // The key secret is not the webhook secret.
  addRejected('wrong_secret', ev, ev.body, hmacHex(KEY_SECRET, ev.body), {suffix: ':key_secret'});
}

for (const v of accepted) {
  if (!sdkWebhook(v)) problems.push(`SDK rejects accepted webhook vector ${v.name}`);
}
for (const v of rejected) {
  // The missing-secret case: the SDK is asked with the configured (empty) secret.
  if (sdkWebhook(v)) problems.push(`SDK accepts rejected webhook vector ${v.name}`);
}

// Checkout (Standard Checkout handler / callback_url POST): razorpay_signature =
// hex HMAC-SHA256(key_secret, order_id + "|" + payment_id).
const checkoutPairs = [
  {order_id: ORDER, payment_id: PAY},
  {order_id: 'order_Pq2XF5gH6iJ7kL', payment_id: 'pay_Pq2XG8mN9oP0qR'},
  {order_id: 'order_IluGWxBm9U8zJ8', payment_id: 'pay_IH4NVgf4Dreq1l'},
];
const checkoutAccepted = [];
const checkoutRejected = [];

function addCheckout(list, kind, pair, signature, extra = {}) {
  list.push(Object.assign({name: `${kind}:${pair.payment_id}`, kind, order_id: pair.order_id,
                           payment_id: pair.payment_id, signature, key_secret: KEY_SECRET}, extra));
}

for (const pair of checkoutPairs) {
  const good = hmacHex(KEY_SECRET, `${pair.order_id}|${pair.payment_id}`);
  addCheckout(checkoutAccepted, 'valid', pair, good);
  // The same signature with the two ids exchanged: signs "payment_id|order_id" no more.
  addCheckout(checkoutRejected, 'swapped_ids', {order_id: pair.payment_id, payment_id: pair.order_id}, good);
  addCheckout(checkoutRejected, 'wrong_key_secret', pair, hmacHex(OTHER_KEY_SECRET, `${pair.order_id}|${pair.payment_id}`));
  const flipped = good.slice(0, 10) + (good[10] === '0' ? '1' : '0') + good.slice(11);
  addCheckout(checkoutRejected, 'tampered_signature', pair, flipped);
  addCheckout(checkoutRejected, 'upper_case', pair, good.toUpperCase());
  addCheckout(checkoutRejected, 'empty_signature', pair, '');
  // Signed for another payment of the same order.
  addCheckout(checkoutRejected, 'other_payment', {order_id: pair.order_id, payment_id: 'pay_Pq2XZzZzZzZzZz'}, good);
}

function sdkCheckout(v) {
  try {
    return utils.validatePaymentVerification({order_id: v.order_id, payment_id: v.payment_id}, v.signature,
                                             v.key_secret) === true;
  } catch (e) {
    return false;
  }
}
for (const v of checkoutAccepted)
  if (!sdkCheckout(v)) problems.push(`SDK rejects accepted checkout vector ${v.name}`);
for (const v of checkoutRejected)
  if (sdkCheckout(v)) problems.push(`SDK accepts rejected checkout vector ${v.name}`);

if (problems.length) {
  console.error('razorpay_signature_vectors: inconsistent vectors:\n  ' + problems.join('\n  '));
  process.exit(1);
}

const out = {
  generator: 'tests/vectors/razorpay_signature_vectors.js',
  sdk: `razorpay ${sdkVersion} validateWebhookSignature / validatePaymentVerification`,
  webhook_secret: WEBHOOK_SECRET,
  other_webhook_secret: OTHER_WEBHOOK_SECRET,
  key_id: KEY_ID,
  key_secret: KEY_SECRET,
  other_key_secret: OTHER_KEY_SECRET,
  webhooks: {accepted, rejected},
  checkout: {accepted: checkoutAccepted, rejected: checkoutRejected},
};
fs.mkdirSync(path.dirname(path.resolve(outFile)), {recursive: true});
fs.writeFileSync(outFile, JSON.stringify(out, null, 2) + '\n');
console.log(`razorpay_signature_vectors: ${accepted.length} accepted and ${rejected.length} rejected webhooks ` +
            `(${events.length} events), ${checkoutAccepted.length} accepted and ${checkoutRejected.length} ` +
            `rejected checkout signatures, judged by razorpay ${sdkVersion} -> ${outFile}`);

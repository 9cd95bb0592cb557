#!/usr/bin/env node
// Writes Stripe webhook vectors signed by Stripe's own Node SDK (`stripe`,
// webhooks.generateTestHeaderString), so the C++ connector's Stripe-Signature check is held to the
// processor's reference implementation rather than to our reading of the docs.
//
//   node tests/vectors/stripe_signature_vectors.js OUTFILE
//
// Every vector is first put through the SDK's own webhooks.constructEvent with the same
// received_at and tolerance the C++ test uses: an "accepted" vector the SDK refuses, or a
// "rejected" one it accepts, stops the generator, so a wrong vector never reaches the C++ test.
'use strict';

const fs = require('fs');
const path = require('path');

const testsDir = path.resolve(__dirname, '..');

function loadSdk() {
  try {
    return require(require.resolve('stripe', {paths: [testsDir]}));
  } catch (e) {
    console.error(
        `stripe_signature_vectors: cannot load stripe from ${testsDir}/node_modules ` +
        `(${e.code || e.message}).\nRun tests/install-node-deps.sh first.`);
    process.exit(2);
  }
}

const outFile = process.argv[2];
if (!outFile) {
  console.error('usage: node tests/vectors/stripe_signature_vectors.js OUTFILE');
  process.exit(2);
}

const Stripe = loadSdk();
const sdkVersion = Stripe.PACKAGE_VERSION;  // the package's exports hide package.json
// No request is ever made: the key only satisfies the constructor.
const stripe = new Stripe('sk_test_vectors_never_used', {apiVersion: '2023-08-16'});

const SECRET = 'whsec_5Tq8cQ2vXyZ0aB1cD2eF3gH4iJ5kL6mN';
const OTHER_SECRET = 'whsec_9Zy8xW7vU6tS5rQ4pO3nM2lK1jI0hG9f';
const TOLERANCE_S = 300;
// The moment the C++ test pretends the webhooks arrived: the generation time, so "valid now"
// really is now; every timestamp below is relative to it.
const RECEIVED_AT = Math.floor(Date.now() / 1000);

const PI = 'pi_3OBv4Q2eZvKYlo2C0jU8mJ1f';
const CH = 'ch_3OBv4Q2eZvKYlo2C0Qx3kZpR';
const PM = 'pm_1OBv4P2eZvKYlo2CwY1u8hTn';
const CUS = 'cus_OzKq7Vw1sPz3mC';

function paymentIntent(fields) {
  return Object.assign({
    id: PI,
    object: 'payment_intent',
    amount: 2000,
    amount_capturable: 0,
    amount_received: 0,
    capture_method: 'manual',
    client_secret: `${PI}_secret_Q1w2E3r4T5y6U7i8O9p0`,
    confirmation_method: 'automatic',
    created: RECEIVED_AT - 120,
    currency: 'usd',
    customer: null,
    description: 'Order 5001',
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata: {merchant_reference: 'order-5001'},
    next_action: null,
    payment_method: PM,
    payment_method_types: ['card'],
    status: 'requires_payment_method',
  }, fields);
}

// Each event as Stripe sends it (pretty-printed, two spaces) and what the connector must report:
// the unified event type, the id of the object it is about, the unified status, amount and
// merchant reference. `object_id` names which id field of the unified event carries it.
const events = [
  {
    type: 'payment_intent.succeeded',
    object: paymentIntent({capture_method: 'automatic', amount_received: 2000, latest_charge: CH, status: 'succeeded'}),
    expect: {kind: 'payment', object_id: PI, status: 'charged', amount: [2000, 'USD'], merchant_reference: 'order-5001'},
  },
  {
    type: 'payment_intent.payment_failed',
    object: paymentIntent({
      last_payment_error: {
        charge: CH,
        code: 'card_declined',
        decline_code: 'insufficient_funds',
        doc_url: 'https://stripe.com/docs/error-codes/card-declined',
        message: 'Your card has insufficient funds.',
        payment_method: {id: PM, object: 'payment_method', type: 'card'},
        type: 'card_error',
      },
      payment_method: null,
    }),
    expect: {kind: 'payment', object_id: PI, status: 'failure', amount: [2000, 'USD'], merchant_reference: 'order-5001',
             decline: 'insufficient_funds', processor_code: 'card_declined'},
  },
  {
    type: 'payment_intent.amount_capturable_updated',
    object: paymentIntent({amount_capturable: 2000, latest_charge: CH, status: 'requires_capture'}),
    expect: {kind: 'payment', object_id: PI, status: 'authorized', amount: [2000, 'USD'], merchant_reference: 'order-5001'},
  },
  {
    type: 'payment_intent.canceled',
    object: paymentIntent({canceled_at: RECEIVED_AT - 10, cancellation_reason: 'requested_by_customer', status: 'canceled'}),
    expect: {kind: 'payment', object_id: PI, status: 'voided', amount: [2000, 'USD'], merchant_reference: 'order-5001'},
  },
  {
    type: 'payment_intent.requires_action',
    object: paymentIntent({
      next_action: {
        type: 'redirect_to_url',
        redirect_to_url: {url: 'https://hooks.stripe.com/redirect/authenticate/src_1OBv4R2eZvKYlo2C', return_url: 'https://shop.example/return'},
      },
      status: 'requires_action',
    }),
    expect: {kind: 'payment', object_id: PI, status: 'authentication_pending', amount: [2000, 'USD'], merchant_reference: 'order-5001'},
  },
  {
    type: 'charge.refunded',
    object: {
      id: CH, object: 'charge', amount: 2000, amount_captured: 2000, amount_refunded: 500, captured: true,
      created: RECEIVED_AT - 3600, currency: 'usd', livemode: false, metadata: {merchant_reference: 'order-5001'},
      paid: true, payment_intent: PI, payment_method: PM, refunded: false, status: 'succeeded',
    },
    expect: {kind: 'refund', object_id: CH, payment_id: PI, status: 'success', amount: [500, 'USD'], merchant_reference: 'order-5001'},
  },
  {
    type: 'refund.updated',
    object: {
      id: 're_3OBv4Q2eZvKYlo2C0r9Tf2Lm', object: 'refund', amount: 500, charge: CH, created: RECEIVED_AT - 600,
      currency: 'usd', metadata: {merchant_reference: 'refund-5001-1'}, payment_intent: PI, reason: 'requested_by_customer',
      status: 'succeeded',
    },
    expect: {kind: 'refund', object_id: 're_3OBv4Q2eZvKYlo2C0r9Tf2Lm', payment_id: PI, status: 'success', amount: [500, 'USD'],
             merchant_reference: 'refund-5001-1'},
  },
  {
    type: 'charge.dispute.created',
    object: {
      id: 'dp_1OBv9X2eZvKYlo2C7dQe4Hs2', object: 'dispute', amount: 2000, charge: CH, created: RECEIVED_AT - 60,
      currency: 'usd', evidence_details: {due_by: RECEIVED_AT + 7 * 86400, has_evidence: false, past_due: false, submission_count: 0},
      is_charge_refundable: false, livemode: false, metadata: {}, payment_intent: PI, reason: 'fraudulent', status: 'needs_response',
    },
    expect: {kind: 'dispute', object_id: 'dp_1OBv9X2eZvKYlo2C7dQe4Hs2', payment_id: PI, status: 'opened', amount: [2000, 'USD']},
  },
  {
    type: 'charge.dispute.closed',
    object: {
      id: 'dp_1OBv9X2eZvKYlo2C7dQe4Hs2', object: 'dispute', amount: 2000, charge: CH, created: RECEIVED_AT - 86400,
      currency: 'usd', evidence_details: {due_by: RECEIVED_AT + 6 * 86400, has_evidence: true, past_due: false, submission_count: 1},
      is_charge_refundable: false, livemode: false, metadata: {}, payment_intent: PI, reason: 'fraudulent', status: 'won',
    },
    expect: {kind: 'dispute', object_id: 'dp_1OBv9X2eZvKYlo2C7dQe4Hs2', payment_id: PI, status: 'won', amount: [2000, 'USD']},
  },
  {
    type: 'setup_intent.succeeded',
    object: {
      id: 'seti_1OBvA12eZvKYlo2CmT5pQ8Wd', object: 'setup_intent', cancellation_reason: null,
      client_secret: 'seti_1OBvA12eZvKYlo2CmT5pQ8Wd_secret_Pz', created: RECEIVED_AT - 30, customer: CUS,
      last_setup_error: null, livemode: false, metadata: {merchant_reference: 'mandate-5001'}, next_action: null,
      payment_method: PM, payment_method_types: ['card'], status: 'succeeded', usage: 'off_session',
    },
    expect: {kind: 'mandate', object_id: PM, operation_id: 'seti_1OBvA12eZvKYlo2CmT5pQ8Wd', merchant_reference: 'mandate-5001'},
  },
  {
    // A type the connector does not know: delivered as `other`, still verified and acknowledged.
    type: 'customer.subscription.trial_will_end',
    object: {id: 'sub_1OBvB22eZvKYlo2Cq1Lk9Jx0', object: 'subscription', customer: CUS, status: 'trialing', trial_end: RECEIVED_AT + 3 * 86400},
    expect: {kind: 'other'},
  },
  {
    // UTF-8 in a metadata value: the signature covers the raw bytes, not a re-encoding.
    name: 'payment_intent.succeeded:non_ascii_metadata',
    type: 'payment_intent.succeeded',
    object: paymentIntent({
      id: 'pi_3OBvC32eZvKYlo2C1nA5cIi7', amount: 1999, amount_received: 1999, capture_method: 'automatic', currency: 'eur',
      metadata: {merchant_reference: 'Bestellung-Größe-€-東京-✓', note: 'Ünïcödé 😀'}, status: 'succeeded',
    }),
    expect: {kind: 'payment', object_id: 'pi_3OBvC32eZvKYlo2C1nA5cIi7', status: 'charged', amount: [1999, 'EUR'],
             merchant_reference: 'Bestellung-Größe-€-東京-✓'},
  },
];

let serial = 0;
function eventBody({type, object}) {
  serial++;
  const id = `evt_3OBv${String(serial).padStart(4, '0')}2eZvKYlo2C0aTest`;
  const event = {
    id,
    object: 'event',
    api_version: '2023-08-16',
    created: RECEIVED_AT - 5,
    data: {object},
    livemode: false,
    pending_webhooks: 1,
    request: {id: `req_Vx${serial}q9Lm2Nb`, idempotency_key: `idem-${serial}`},
    type,
  };
  return {id, body: JSON.stringify(event, null, 2)};
}

function header(body, {timestamp, secret = SECRET, scheme}) {
  return stripe.webhooks.generateTestHeaderString({payload: body, secret, timestamp, scheme});
}

// The `v…=` parts of an SDK-made header, to build Stripe's multi-signature form
// `t=…,v1=…,v1=…` (what it sends while an endpoint's secret is being rolled).
function signaturesOf(h) {
  return h.split(',').filter(p => !p.startsWith('t='));
}

const accepted = [];
const rejected = [];
const problems = [];

function sdkVerdict(v) {
  try {
    const ev = stripe.webhooks.constructEvent(v.body, v.header === null ? undefined : v.header, v.secret, TOLERANCE_S,
                                              undefined, RECEIVED_AT * 1000);
    return {ok: true, id: ev.id};
  } catch (e) {
    return {ok: false, message: e.message.split('\n')[0].trim()};
  }
}

function addAccepted(kind, name, ev, body, hdr, secret = SECRET) {
  accepted.push({name: `${kind}:${name}`, kind, body, header: hdr, secret,
                 expect: Object.assign({event_id: ev.id, event_type: ev.type}, ev.expect)});
}

function addRejected(kind, name, body, hdr, {secret = SECRET, reason = 'BAD_SIGNATURE'} = {}) {
  rejected.push({name: `${kind}:${name}`, kind, body, header: hdr, secret, reason});
}

const bodies = events.map(e => {
  const {id, body} = eventBody(e);
  return Object.assign({}, e, {id, body, name: e.name || e.type});
});

for (const ev of bodies) {
  const now = RECEIVED_AT - 2;  // a delivery's usual few seconds in flight
  const good = header(ev.body, {timestamp: now});
  addAccepted('valid_now', ev.name, ev, ev.body, good);
  const other = header(ev.body, {timestamp: now, secret: OTHER_SECRET});
  // Rolling secrets: one v1 per active secret, ours in either place.
  addAccepted('multi_signature', `${ev.name}:other_first`, ev, ev.body,
              [`t=${now}`, ...signaturesOf(other), ...signaturesOf(good)].join(','));
  addAccepted('multi_signature', `${ev.name}:ours_first`, ev, ev.body,
              [`t=${now}`, ...signaturesOf(good), ...signaturesOf(other)].join(','));
  addAccepted('within_tolerance', ev.name, ev, ev.body, header(ev.body, {timestamp: RECEIVED_AT - (TOLERANCE_S - 1)}));
  // Test-mode deliveries also carry a v0 signature (of another secret), which is ignored.
  addAccepted('with_v0', ev.name, ev, ev.body,
              [`t=${now}`, ...signaturesOf(good), ...signaturesOf(header(ev.body, {timestamp: now, secret: OTHER_SECRET, scheme: 'v0'}))].join(','));

  addRejected('stale', ev.name, ev.body, header(ev.body, {timestamp: RECEIVED_AT - (TOLERANCE_S + 1)}));
  const tampered = ev.body.replace(/"amount": (\d+)/, (_, n) => `"amount": ${Number(n) + 1}`);
  const tamperedBody = tampered !== ev.body ? tampered : ev.body.replace('"livemode": false', '"livemode": true');
  addRejected('tampered_body', ev.name, tamperedBody, good);
  addRejected('wrong_secret', ev.name, ev.body, other);
  addRejected('no_v1', ev.name, ev.body, `t=${now}`);
  addRejected('header_missing', ev.name, ev.body, null);
  addRejected('v0_only', ev.name, ev.body, header(ev.body, {timestamp: now, scheme: 'v0'}));
  // The signature is right, but the endpoint has no secret configured.
  addRejected('secret_missing', ev.name, ev.body, good, {secret: '', reason: 'MISSING_CREDENTIALS'});
}
// Tampering that keeps the JSON equal in meaning still breaks the signature: the bytes are signed.
{
  const ev = bodies[0];
  const good = header(ev.body, {timestamp: RECEIVED_AT - 2});
  addRejected('tampered_body', `${ev.name}:reformatted`, JSON.stringify(JSON.parse(ev.body)), good);
  addRejected('tampered_body', `${ev.name}:trailing_newline`, ev.body + '\n', good);
  addRejected('stale', `${ev.name}:one_hour`, ev.body, header(ev.body, {timestamp: RECEIVED_AT - 3600}));
}

// The SDK must agree with every expectation, or the vector is wrong, not the connector.
for (const v of accepted) {
  const got = sdkVerdict(v);
  if (!got.ok) problems.push(`SDK rejects accepted vector ${v.name}: ${got.message}`);
  else if (got.id !== v.expect.event_id) problems.push(`SDK parsed ${v.name} as ${got.id}`);
}
for (const v of rejected) {
  const got = sdkVerdict(v);
  if (got.ok) problems.push(`SDK accepts rejected vector ${v.name}`);
  else v.sdk_message = got.message;
}
if (problems.length) {
  console.error('stripe_signature_vectors: inconsistent vectors:\n  ' + problems.join('\n  '));
  process.exit(1);
}

const out = {
  generator: 'tests/vectors/stripe_signature_vectors.js',
  sdk: `stripe ${sdkVersion} webhooks.generateTestHeaderString / constructEvent`,
  secret: SECRET,
  other_secret: OTHER_SECRET,
  received_at: RECEIVED_AT,
  tolerance_s: TOLERANCE_S,
  accepted,
  rejected,
};
fs.mkdirSync(path.dirname(path.resolve(outFile)), {recursive: true});
fs.writeFileSync(outFile, JSON.stringify(out, null, 2) + '\n');
console.log(`stripe_signature_vectors: ${accepted.length} accepted and ${rejected.length} rejected deliveries ` +
            `of ${events.length} events signed by stripe ${sdkVersion} -> ${outFile}`);

#!/usr/bin/env node
// Writes Braintree webhook vectors made by Braintree's own Node SDK (`braintree`,
// gateway.webhookTesting.sampleNotification / sampleSignature) and judged by it
// (gateway.webhookNotification.parse / verify), so the C++ connector's bt_signature / bt_payload
// check, its XML reading and its endpoint-verification answer are held to the processor's
// reference implementation rather than to our reading of the docs.
//
//   node tests/vectors/braintree_webhook_vectors.js OUTFILE
//
// Every accepted delivery is parsed back by the SDK and each field the connector must extract
// (kind, timestamp, subject ids, status, amount) is compared with what the SDK read; every
// rejected delivery must be refused by the SDK's parse. Any disagreement stops the generator, so
// a wrong vector never reaches the C++ test. The SDK stamps samples with the current time; the
// clock is held at a fixed instant while it writes them, so the file is the same on every run.
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const testsDir = path.resolve(__dirname, '..');
const TOOL = 'braintree_webhook_vectors';

function loadSdk() {
  try {
    const braintree = require(require.resolve('braintree', {paths: [testsDir]}));
    const pkg = require(require.resolve('braintree/package.json', {paths: [testsDir]}));
    // Not exported by the package's index; the same function the gateways sign and verify with.
    const {Digest} = require(require.resolve('braintree/lib/braintree/digest', {paths: [testsDir]}));
    return {braintree, Digest, version: pkg.version};
  } catch (e) {
    console.error(`${TOOL}: cannot load braintree from ${testsDir}/node_modules (${e.code || e.message}).\n` +
                  'Run tests/install-node-deps.sh first.');
    process.exit(2);
  }
}

const outFile = process.argv[2];
if (!outFile) {
  console.error('usage: node tests/vectors/braintree_webhook_vectors.js OUTFILE');
  process.exit(2);
}

const {braintree, Digest, version: sdkVersion} = loadSdk();

// Obviously fake credentials; no request is ever made with them.
const MERCHANT_ID = 'cstestmerchant01';
const PUBLIC_KEY = 'cstestpublickey1';
const PRIVATE_KEY = 'cstestprivatekey0000000000000001';
const OTHER_PUBLIC_KEY = 'cstestpublickey2';
const OTHER_PRIVATE_KEY = 'cstestprivatekey0000000000000002';
// The SDK's own unit-test keys (test/spec_helper.js), for the verify vector its tests quote.
const SDK_TEST_PUBLIC_KEY = 'integration_public_key';
const SDK_TEST_PRIVATE_KEY = 'integration_private_key';

// The instant the first sample is stamped with; each further sample one second later.
const CLOCK_START_MS = Date.UTC(2025, 10, 26, 9, 40, 0);

function gatewayFor(publicKey, privateKey) {
  return new braintree.BraintreeGateway({
    environment: braintree.Environment.Sandbox,
    merchantId: MERCHANT_ID,
    publicKey,
    privateKey,
  });
}

const ours = gatewayFor(PUBLIC_KEY, PRIVATE_KEY);
const otherPrivate = gatewayFor(PUBLIC_KEY, OTHER_PRIVATE_KEY);  // our public key, another private key
const otherAccount = gatewayFor(OTHER_PUBLIC_KEY, OTHER_PRIVATE_KEY);

// Runs fn with `new Date()` and Date.now() answering `ms`: sampleXml stamps the notification with
// `new Date()`, and a fixed stamp makes every payload and signature reproducible.
function atClock(ms, fn) {
  const RealDate = Date;
  class FrozenDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(ms);
      else super(...args);
    }
    static now() {
      return ms;
    }
  }
  globalThis.Date = FrozenDate;
  try {
    return fn();
  } finally {
    globalThis.Date = RealDate;
  }
}

const isoSeconds = ms => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const decode = payload => Buffer.from(payload, 'base64').toString('utf8');
const encode = xml => Buffer.from(xml, 'utf8').toString('base64') + '\n';

// Every kind this SDK version names (WebhookNotification.Kind), recorded in the file so that a
// kind added by a later SDK shows up in the diff when the pin moves.
const sdkKinds = Object.values(braintree.WebhookNotification.Kind).sort();

// The deliveries: the kinds a payments connector normalizes, plus the endpoint check and a kind
// the SDK does not know. `expect` holds what the connector must extract; `sdkView` below reads the
// same fields from the SDK's parse, and the two must agree.
const TX = 'cs7q2x9m';
const deliveries = [
  {kind: 'transaction_settled', id: TX,
   expect: {subject: 'transaction', transaction_id: TX, status: 'settled', type: 'sale', amount: '100', currency: 'USD'}},
  {kind: 'transaction_settlement_declined', id: 'cs8r3y0n',
   expect: {subject: 'transaction', transaction_id: 'cs8r3y0n', status: 'settlement_declined', type: 'sale', amount: '100',
            currency: 'USD'}},
  {kind: 'transaction_disbursed', id: 'cs9s4z1p',
   expect: {subject: 'transaction', transaction_id: 'cs9s4z1p', amount: '100', disbursement_date: '2013-07-09T18:23:29Z'}},
  {kind: 'transaction_retried', id: 'cs0t5a2q',
   expect: {subject: 'transaction', transaction_id: 'cs0t5a2q', status: 'submitted_for_settlement', type: 'sale',
            amount: '100', currency: 'USD', retried_transaction_id: 'original_txn_id'}},
  {kind: 'transaction_reviewed', id: 'cs1u6b3r',
   expect: {subject: 'transaction_review', transaction_id: 'cs1u6b3r', decision: 'a smart decision'}},
  // The failed refund is itself a transaction (of type credit) whose parent is refunded-transaction-fk.
  {kind: 'refund_failed', id: 'cs2v7c4s',
   expect: {subject: 'transaction', transaction_id: 'cs2v7c4s', status: 'processor_declined', amount: '100',
            refunded_transaction_id: '1'}},
  ...['opened', 'accepted', 'auto_accepted', 'disputed', 'under_review', 'won', 'lost', 'expired'].map((s, i) => {
    // The SDK's samples put the same id on the dispute and on its transaction.
    const id = `csdp${i}x7k`;
    return {kind: `dispute_${s}`, id,
            expect: {subject: 'dispute', dispute_id: id, transaction_id: id, status: s === 'opened' ? 'open' : s,
                     amount_disputed: '250.0',
                     amount: '250.00', currency: 'USD', reason: 'fraud', dispute_kind: 'chargeback',
                     reply_by_date: '2014-03-21', ...(s === 'won' ? {date_won: '2014-09-01'} : {})}};
  }),
  {kind: 'subscription_charged_successfully', id: 'cssb1q8w',
   expect: {subject: 'subscription', subscription_id: 'cssb1q8w', transaction_id: 'cssb1q8w',
            transaction_status: 'submitted_for_settlement', amount: '49.99'}},
  {kind: 'subscription_charged_unsuccessfully', id: 'cssb2r9x',
   expect: {subject: 'subscription', subscription_id: 'cssb2r9x', transaction_id: 'cssb2r9x', transaction_status: 'failed',
            amount: '49.99'}},
  {kind: 'subscription_canceled', id: 'cssb3s0y', expect: {subject: 'subscription', subscription_id: 'cssb3s0y'}},
  // A PayPal billing agreement the customer revoked: a mandate gone.
  {kind: 'payment_method_revoked_by_customer', id: 'cspm4t1z',
   expect: {subject: 'paypal_account', payment_method_token: 'cspm4t1z', customer_id: 'a-customer-id',
            revoked_at: '2019-01-02T12:00:00Z'}},
  {kind: 'disbursement', id: 'csdb5u2a',
   expect: {subject: 'disbursement', disbursement_id: 'csdb5u2a', amount: '100.00', success: true}},
  // What the Control Panel's "Check URL" sends: no id, subject <check>true</check>.
  {kind: 'check', id: '', expect: {subject: 'check', check: true}},
  // A kind this SDK does not know: sampleXml falls back to a subscription subject, and parse still
  // accepts it (an unknown kind is acknowledged, not refused).
  {kind: 'cs_kind_from_the_future', id: 'csuk6v3b', expect: {subject: 'subscription', subscription_id: 'csuk6v3b'}},
  // A partner (OAuth) delivery names the merchant it is about.
  {kind: 'transaction_settled', id: 'cs3w8d5t', sourceMerchantId: 'cssourcemerchant',
   name: 'transaction_settled:source_merchant_id',
   expect: {subject: 'transaction', transaction_id: 'cs3w8d5t', status: 'settled', type: 'sale', amount: '100', currency: 'USD',
            source_merchant_id: 'cssourcemerchant'}},
];

// The connector-facing fields read from the SDK's parsed notification, in `expect`'s vocabulary.
function sdkView(n) {
  const v = {kind: n.kind, timestamp: n.timestamp};
  if (n.sourceMerchantId !== undefined) v.source_merchant_id = n.sourceMerchantId;
  const s = n.subject || {};
  const put = (k, x) => { if (x !== undefined && x !== null) v[k] = x; };
  if (s.dispute) {
    const d = n.dispute;
    v.subject = 'dispute';
    put('dispute_id', d.id);
    put('transaction_id', d.transaction && d.transaction.id);
    put('status', d.status);
    put('amount_disputed', d.amountDisputed);
    put('amount', d.amount);
    put('currency', d.currencyIsoCode);
    put('reason', d.reason);
    put('dispute_kind', d.kind);
    put('reply_by_date', d.replyByDate);
    put('date_won', d.dateWon);
  } else if (s.subscription) {
    const sub = n.subscription;
    v.subject = 'subscription';
    put('subscription_id', sub.id);
    const t = (sub.transactions || [])[0];
    if (t) {
      put('transaction_id', t.id);
      put('transaction_status', t.status);
      put('amount', t.amount);
    }
  } else if (s.transactionReview) {
    v.subject = 'transaction_review';
    put('transaction_id', n.transactionReview.transactionId);
    put('decision', n.transactionReview.decision);
  } else if (s.transaction) {
    const t = n.transaction;
    v.subject = 'transaction';
    put('transaction_id', t.id);
    put('status', t.status);
    put('type', t.type);
    put('amount', t.amount);
    put('currency', t.currencyIsoCode);
    put('retried_transaction_id', t.retriedTransactionId);
    put('refunded_transaction_id', t.refundedTransactionFk);
    put('disbursement_date', t.disbursementDetails && t.disbursementDetails.disbursementDate);
  } else if (s.paypalAccount) {
    const m = n.revokedPaymentMethodMetadata;
    v.subject = 'paypal_account';
    put('payment_method_token', m.token);
    put('customer_id', m.customerId);
    put('revoked_at', m.revokedPaymentMethod && m.revokedPaymentMethod.revokedAt);
  } else if (s.disbursement) {
    v.subject = 'disbursement';
    put('disbursement_id', n.disbursement.id);
    put('amount', n.disbursement.amount);
    put('success', n.disbursement.success);
  } else if (s.check !== undefined) {
    v.subject = 'check';
    v.check = s.check;
  } else {
    v.subject = Object.keys(s).join(',') || '(none)';
  }
  return v;
}

async function sdkParse(signature, payload, gateway = ours) {
  try {
    return {ok: true, notification: await gateway.webhookNotification.parse(signature, payload)};
  } catch (e) {
    return {ok: false, error: `${e.name}: ${e.message}`};
  }
}

const problems = [];
const accepted = [];
const rejected = [];

function sameJson(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

function sortedKeys(o) {
  return Object.fromEntries(Object.keys(o).sort().map(k => [k, o[k]]));
}

async function addAccepted(name, base, bt_signature, bt_payload, why) {
  const got = await sdkParse(bt_signature, bt_payload);
  if (!got.ok) {
    problems.push(`SDK refuses accepted vector ${name}: ${got.error}`);
    return;
  }
  const view = sdkView(got.notification);
  const expect = Object.assign({accepted: true}, base.expect);
  const mine = Object.assign({}, expect);
  delete mine.accepted;
  if (!sameJson(sortedKeys(view), sortedKeys(mine)))
    problems.push(`SDK reads ${name} as ${JSON.stringify(sortedKeys(view))}, expected ${JSON.stringify(sortedKeys(mine))}`);
  accepted.push({name, kind: base.kind, id: base.id, ...(why ? {why} : {}), bt_signature, bt_payload,
                 payload_xml: decode(bt_payload), expect});
}

async function addRejected(name, bt_signature, bt_payload, why) {
  const got = await sdkParse(bt_signature, bt_payload);
  if (got.ok) {
    problems.push(`SDK accepts rejected vector ${name}`);
    return;
  }
  rejected.push({name, why, bt_signature, bt_payload,
                 expect: {accepted: false, reason: 'BAD_SIGNATURE', sdk_error: got.error}});
}

// Signature strings in the SDK's own form, from the SDK's signer (sampleSignature signs with the
// gateway's keys and prefixes its public key).
const sign = (gateway, payload) => gateway.webhookTesting.sampleSignature(payload);
const hexOf = signature => signature.split('|')[1];

// Changes one base64 character of the payload (not the trailing newline) to another valid one.
function flipChar(payload, at) {
  const c = payload[at];
  return payload.slice(0, at) + (c === 'A' ? 'B' : 'A') + payload.slice(at + 1);
}

async function main() {
  let serial = 0;
  const made = [];
  for (const d of deliveries) {
    const ms = CLOCK_START_MS + 1000 * serial++;
    const sample = atClock(ms, () => ours.webhookTesting.sampleNotification(d.kind, d.id, d.sourceMerchantId));
    const timestamp = isoSeconds(ms);
    const xml = decode(sample.bt_payload);
    if (!xml.includes(`<timestamp type="datetime">${timestamp}</timestamp>`))
      throw new Error(`the SDK did not stamp ${d.kind} with the held clock (${timestamp}); it no longer reads ` +
                      'the global Date, so the generator cannot be deterministic:\n' + xml);
    const base = Object.assign({}, d, {expect: Object.assign({kind: d.kind, timestamp}, d.expect)});
    const name = d.name || d.kind;
    made.push({name, base, sample, xml});
    await addAccepted(`valid:${name}`, base, sample.bt_signature, sample.bt_payload);
  }

  // The refusals every delivery gets.
  for (const {name, sample, xml} of made) {
    const sig = sample.bt_signature;
    const later = xml.replace(/(<timestamp type="datetime">)([^<]+)/,
                              (_, open, t) => open + isoSeconds(Date.parse(t) + 1000));
    await addRejected(`tampered_timestamp:${name}`, sig, encode(later), 'timestamp moved one second, signature kept');
    if (/<amount>/.test(xml)) {
      const more = xml.replace(/<amount>([^<]+)<\/amount>/, (_, a) => `<amount>${a}1</amount>`);
      await addRejected(`tampered_amount:${name}`, sig, encode(more), 'first <amount> changed, signature kept');
    }
    await addRejected(`char_changed:${name}`, sig, flipChar(sample.bt_payload, 40),
                      'one base64 character of bt_payload changed');
    await addRejected(`wrong_private_key:${name}`, sign(otherPrivate, sample.bt_payload), sample.bt_payload,
                      'our public key, signed with another private key');
    await addRejected(`other_public_key:${name}`, sign(otherAccount, sample.bt_payload), sample.bt_payload,
                      "another account's public key and signature only");
    await addRejected(`empty_signature:${name}`, '', sample.bt_payload, 'bt_signature empty');
  }

  // The special cases, on the first delivery (transaction_settled).
  const {base, sample, xml} = made[0];
  const payload = sample.bt_payload;
  const good = hexOf(sample.bt_signature);
  const otherSig = sign(otherAccount, payload);
  const badHex = hexOf(sign(otherPrivate, payload));
  const n = base.kind;

  // bt_signature is `&`-separated `public_key|signature` pairs; the SDK takes the FIRST pair whose
  // public key is ours and judges only that one.
  await addAccepted(`pairs_ours_second:${n}`, base, `${otherSig}&${PUBLIC_KEY}|${good}`, payload,
                    "another account's pair first, ours second");
  await addAccepted(`pairs_ours_first:${n}`, base, `${PUBLIC_KEY}|${good}&${otherSig}`, payload,
                    "ours first, another account's pair second");
  await addRejected(`pairs_ours_twice_bad_first:${n}`, `${PUBLIC_KEY}|${badHex}&${PUBLIC_KEY}|${good}`, payload,
                    'two pairs with our public key, the first wrong: only the first is judged');
  await addAccepted(`pairs_ours_twice_good_first:${n}`, base, `${PUBLIC_KEY}|${good}&${PUBLIC_KEY}|${badHex}`, payload,
                    'two pairs with our public key, the first right: the second is not looked at');
  await addAccepted(`pairs_without_bar_ignored:${n}`, base, `garbage&${PUBLIC_KEY}|${good}`, payload,
                    'a part without `|` is skipped');
  await addAccepted(`pairs_trailing_ampersand:${n}`, base, `${PUBLIC_KEY}|${good}&`, payload,
                    'an empty part after `&` is skipped');
  await addAccepted(`pair_third_field_ignored:${n}`, base, `${PUBLIC_KEY}|${good}|extra`, payload,
                    'split on `|`: a third field is ignored');
  await addRejected(`pair_public_key_case:${n}`, `${PUBLIC_KEY.toUpperCase()}|${good}`, payload,
                    'public key compared exactly: upper-cased it is not ours');
  await addRejected(`pair_public_key_space:${n}`, ` ${PUBLIC_KEY}|${good}`, payload,
                    'public key compared exactly: a leading space makes it not ours');
  await addRejected(`pair_other_public_key_our_signature:${n}`, `${OTHER_PUBLIC_KEY}|${good}`, payload,
                    'our right signature under another public key: no pair is ours');
  await addRejected(`pair_empty_signature:${n}`, `${PUBLIC_KEY}|`, payload,
                    'our public key with an empty signature (the SDK says no matching public key)');
  await addRejected(`no_bar:${n}`, good, payload, 'the hex signature alone, without `public_key|`');
  await addRejected(`signature_upper_case:${n}`, `${PUBLIC_KEY}|${good.toUpperCase()}`, payload,
                    'hex compared character by character: upper case fails');
  await addRejected(`signature_truncated:${n}`, `${PUBLIC_KEY}|${good.slice(0, 39)}`, payload,
                    'one hex digit short');
  await addRejected(`signature_extended:${n}`, `${PUBLIC_KEY}|${good}0`, payload, 'one hex digit too many');

  // What is signed: the bt_payload string as delivered (base64 text), HMAC-SHA1 keyed with the
  // raw 20-byte SHA1 of the private key. Each near-miss of that is refused.
  const plainHmac = (key, data) => crypto.createHmac('sha1', key).update(data).digest('hex');
  const sha1Key = crypto.createHash('sha1').update(PRIVATE_KEY).digest();
  if (plainHmac(sha1Key, payload) !== good)
    problems.push('the SDK signature is not hex(HMAC-SHA1(SHA1(private key), bt_payload))');
  await addRejected(`hmac_key_not_hashed:${n}`, `${PUBLIC_KEY}|${plainHmac(PRIVATE_KEY, payload)}`, payload,
                    'HMAC-SHA1 keyed with the private key itself instead of its SHA1');
  await addRejected(`hmac_key_hex_digest:${n}`,
                    `${PUBLIC_KEY}|${plainHmac(crypto.createHash('sha1').update(PRIVATE_KEY).digest('hex'), payload)}`,
                    payload, 'HMAC keyed with the hex text of SHA1(private key) instead of its 20 raw bytes');
  await addRejected(`hmac_of_xml:${n}`, `${PUBLIC_KEY}|${plainHmac(sha1Key, xml)}`, payload,
                    'HMAC of the decoded XML instead of the base64 text');
  await addRejected(`hmac_sha256:${n}`,
                    `${PUBLIC_KEY}|${crypto.createHmac('sha256', sha1Key).update(payload).digest('hex')}`, payload,
                    'HMAC-SHA256 instead of HMAC-SHA1');

  // The SDK accepts the signature of `payload` or of `payload + "\n"`: the samples sign a payload
  // ending in "\n", so one with that newline stripped (as a form reader may do) still passes.
  const stripped = payload.replace(/\n$/, '');
  await addAccepted(`trailing_newline_stripped:${n}`, base, sample.bt_signature, stripped,
                    'bt_payload without its final newline; the signature covers it with the newline');
  await addRejected(`two_trailing_newlines:${n}`, sample.bt_signature, payload + '\n',
                    'an extra newline: neither payload nor payload+"\\n" matches');
  // Braintree's real payloads are base64 broken into lines; the signature covers the text with its
  // line breaks, and the XML is the base64 decoded with them skipped.
  const wrapped = stripped.replace(/(.{60})/g, '$1\n').replace(/\n?$/, '\n');
  await addAccepted(`line_wrapped_payload:${n}`, base, sign(ours, wrapped), wrapped,
                    'base64 wrapped every 60 characters, signed by the SDK as delivered');
  await addRejected(`line_wrapped_unwrapped_signature:${n}`, sample.bt_signature, wrapped,
                    'the wrapped payload with the signature of the unwrapped one: line breaks are signed');
  await addRejected(`crlf_payload:${n}`, sign(ours, wrapped.replace(/\n/g, '\r\n')), wrapped.replace(/\n/g, '\r\n'),
                    'CR LF line breaks, correctly signed: "\\r" is not a payload character, refused before the HMAC');
  // A form body read with `+` taken as a space (bt_payload not %2B-decoded): the SDK refuses spaces.
  const withPlus = made.find(m => m.sample.bt_payload.includes('+'));
  if (!withPlus) throw new Error('no sample payload contains "+"; add a delivery whose base64 has one');
  await addRejected(`plus_as_space:${withPlus.name}`, withPlus.sample.bt_signature,
                    withPlus.sample.bt_payload.replace(/\+/g, ' '), '"+" of the base64 read as a space');
  await addRejected(`url_safe_base64:${n}`, sign(ours, payload.replace(/\+/g, '-').replace(/\//g, '_')),
                    payload.replace(/\+/g, '-').replace(/\//g, '_'),
                    'URL-safe base64 ("-" "_"), correctly signed: not payload characters');
  await addRejected(`empty_payload:${n}`, sample.bt_signature, '', 'bt_payload empty');

  // No replay vector: the SDK checks no timestamp, so a replayed delivery passes its parse; the
  // C++ test can replay any accepted one if the connector adds a window of its own.

  // Endpoint verification: GET with bt_challenge, answer `public_key|hex(HMAC-SHA1(SHA1(private
  // key), challenge))`; the SDK throws for a challenge that is not 20-32 lower-case hex digits.
  const verifyAccepted = [];
  const verifyRejected = [];
  const sdkTest = gatewayFor(SDK_TEST_PUBLIC_KEY, SDK_TEST_PRIVATE_KEY);
  const documented = {challenge: '20f9f8ed05f77439fe955c977e4c8a53',
                      response: 'integration_public_key|d9b899556c966b3f06945ec21311865d35df3ce4'};
  const verifyOne = (gateway, challenge) => {
    try {
      return {ok: true, response: gateway.webhookNotification.verify(challenge)};
    } catch (e) {
      return {ok: false, error: `${e.name}: ${e.message}`};
    }
  };
  const addVerify = (name, publicKey, privateKey, gateway, challenge, why) => {
    const got = verifyOne(gateway, challenge);
    if (!got.ok) return problems.push(`SDK refuses verify challenge ${name}: ${got.error}`);
    const mine = `${publicKey}|${plainHmac(crypto.createHash('sha1').update(privateKey).digest(), challenge)}`;
    if (got.response !== mine) problems.push(`verify ${name}: SDK says ${got.response}, HMAC gives ${mine}`);
    verifyAccepted.push({name, why, public_key: publicKey, private_key: privateKey, challenge, response: got.response});
  };
  addVerify('documented', SDK_TEST_PUBLIC_KEY, SDK_TEST_PRIVATE_KEY, sdkTest, documented.challenge,
            "braintree_node test/unit/braintree/webhook_notification_gateway_spec.js with the SDK's test keys");
  if (verifyAccepted.length && verifyAccepted[0].response !== documented.response)
    problems.push(`verify documented: SDK says ${verifyAccepted[0].response}, its own test says ${documented.response}`);
  addVerify('ours_32', PUBLIC_KEY, PRIVATE_KEY, ours, '0f1e2d3c4b5a69788796a5b4c3d2e1f0', '32 hex digits, the longest');
  addVerify('ours_20', PUBLIC_KEY, PRIVATE_KEY, ours, 'a1b2c3d4e5f60718293a', '20 hex digits, the shortest');
  addVerify('ours_21_odd', PUBLIC_KEY, PRIVATE_KEY, ours, 'a1b2c3d4e5f60718293a4', 'an odd number of digits is fine');
  addVerify('ours_documented_challenge', PUBLIC_KEY, PRIVATE_KEY, ours, documented.challenge,
            'the documented challenge under our keys');
  const refuseVerify = (name, challenge, why) => {
    const got = verifyOne(ours, challenge);
    if (got.ok) return problems.push(`SDK accepts verify challenge ${name}`);
    verifyRejected.push({name, why, challenge, sdk_error: got.error});
  };
  refuseVerify('too_short', 'a1b2c3d4e5f60718293', '19 hex digits');
  refuseVerify('too_long', '0f1e2d3c4b5a69788796a5b4c3d2e1f00', '33 hex digits');
  refuseVerify('upper_case', '20F9F8ED05F77439FE955C977E4C8A53', 'upper-case hex');
  refuseVerify('non_hex', '20f9f8ed05f77439fe955c977e4c8a5g', 'a "g"');
  refuseVerify('empty', '', 'empty');
  refuseVerify('trailing_newline', `${documented.challenge}\n`, 'a trailing newline (the regex is anchored with $)');
  refuseVerify('leading_space', ` ${documented.challenge}`, 'a leading space');
  refuseVerify('script', '<script>alert(1)</script>', 'not hex at all');

  // Digest.Sha1hexdigest itself (RFC 2202 cases 6 and 7, as the SDK's digest_spec.js uses them,
  // and our private key): hex(HMAC-SHA1(SHA1(key), data)). An 80-byte key is hashed by HMAC
  // anyway, so these two equal plain HMAC-SHA1.
  const rfcKey = '\xaa'.repeat(80);
  const digests = [
    {name: 'rfc2202_case_6', key_hex: Buffer.from(rfcKey, 'latin1').toString('hex'),
     data: 'Test Using Larger Than Block-Size Key - Hash Key First', hex: 'aa4ae5e15272d00e95705637ce8a3b55ed402112'},
    {name: 'rfc2202_case_7', key_hex: Buffer.from(rfcKey, 'latin1').toString('hex'),
     data: 'Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data',
     hex: 'e8e99d0f45237d786d6bbaa7965c7808bbff1a91'},
    {name: 'private_key', key_hex: Buffer.from(PRIVATE_KEY).toString('hex'), data: 'cs braintree digest vector',
     hex: plainHmac(sha1Key, 'cs braintree digest vector')},
  ];
  for (const d of digests) {
    const got = Digest.Sha1hexdigest(Buffer.from(d.key_hex, 'hex').toString('latin1'), d.data);
    if (got !== d.hex) problems.push(`Digest.Sha1hexdigest ${d.name}: SDK ${got}, expected ${d.hex}`);
  }

  if (problems.length) {
    console.error(`${TOOL}: inconsistent vectors:\n  ` + problems.join('\n  '));
    process.exit(1);
  }

  const out = {
    generator: 'tests/vectors/braintree_webhook_vectors.js',
    sdk: `braintree ${sdkVersion} webhookTesting.sampleNotification / sampleSignature, ` +
         'webhookNotification.parse / verify',
    merchant_id: MERCHANT_ID,
    public_key: PUBLIC_KEY,
    private_key: PRIVATE_KEY,
    other_public_key: OTHER_PUBLIC_KEY,
    other_private_key: OTHER_PRIVATE_KEY,
    clock_start: isoSeconds(CLOCK_START_MS),
    notes: [
      'bt_signature: `&`-separated `public_key|hex` pairs; the SDK judges only the first pair whose public key ' +
          'equals ours (exact compare); parts without `|` are skipped; no pair of ours = refused.',
      'hex = HMAC-SHA1(key = SHA1(private_key) as 20 raw bytes, message = bt_payload exactly as delivered); ' +
          'accepted if it equals the digest of bt_payload or of bt_payload + "\\n"; lower-case hex only.',
      'bt_payload is refused before any HMAC if it has a character outside [A-Za-z0-9+=/\\n] or is empty.',
      'The SDK checks no timestamp: a replayed delivery passes its parse.',
      "The SDK's dispute samples give the dispute and its transaction the same id.",
      'Amounts come as the XML has them: "100", "250.00", "250.0", "49.99".',
    ],
    sdk_kinds: sdkKinds,
    kinds: [...new Set(deliveries.map(d => d.kind))],
    accepted,
    rejected,
    verify: {accepted: verifyAccepted, rejected: verifyRejected},
    digest: digests,
  };
  fs.mkdirSync(path.dirname(path.resolve(outFile)), {recursive: true});
  fs.writeFileSync(outFile, JSON.stringify(out, null, 2) + '\n');
  console.log(`${TOOL}: ${accepted.length} accepted and ${rejected.length} rejected deliveries of ` +
              `${out.kinds.length} kinds, ${verifyAccepted.length} verify answers and ${verifyRejected.length} ` +
              `refused challenges, judged by braintree ${sdkVersion} -> ${outFile}`);
}

main().catch(e => {
  console.error(`${TOOL}: ${e.stack || e}`);
  process.exit(1);
});

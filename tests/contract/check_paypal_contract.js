#!/usr/bin/env node
// Sends the requests paypal_contract_requests dumped (JSON lines) whose path belongs to SPEC —
// Orders v2 (/v2/checkout/…), Payments v2 (/v2/payments/…), Vault v3 (/v3/vault/…) or Disputes
// v1 (/v1/customer/disputes/…) — to a Prism mock of that PayPal OpenAPI description and reports
// what Prism says about each one (see prism.js), plus what Prism does not check in these specs:
// each JSON body against the operation's schema and every key against its properties
// (json_schema_check.js), and for the multipart dispute actions each part's name and the JSON
// part "input" (multipartProblems below). Fails when a flow's request for this spec is missing
// from the dump.
//
//   node tests/contract/check_paypal_contract.js REQUESTS.jsonl SPEC.json
'use strict';

const fs = require('fs');
const path = require('path');
const prism = require('./prism');
const {compileSpec, bodyProblems, valueProblems, operationOf, resolve} = require('./json_schema_check');

const expected = {
  orders: ['authorize_manual order', 'authorize_manual authorize', 'authorize_automatic order',
           'authorize_automatic capture', 'complete_authorize order', 'complete_authorize authorize',
           'get_payment ', 'capture_full order', 'capture_partial order', 'void order',
           'refund_full order', 'refund_partial order'],
  payments: ['capture_full capture', 'capture_partial capture', 'void void', 'refund_full refund',
             'refund_partial refund', 'get_refund '],
  vault: ['setup_mandate_card setup_token', 'setup_mandate_card payment_token',
          'setup_mandate_wallet setup_token', 'recurring_card payment_token',
          'recurring_wallet payment_token', 'revoke_mandate '],
  disputes: ['get_dispute ', 'accept_dispute ', 'submit_evidence_text ', 'submit_evidence_files '],
  notifications: ['webhook_verify verify'],
};
expected.orders.push('authorize_wallet order', 'recurring_card order', 'recurring_wallet order');

// Where PayPal's published description lags what PayPal takes, the request is judged with the
// spec's value in place of the one sent — only that value, only where listed, and said aloud.
const deviations = [{
  path: '/v3/vault/payment-tokens',
  field: ['payment_source', 'token', 'type'],
  sent: 'SETUP_TOKEN',
  judged: 'BILLING_AGREEMENT',
  why: "PayPal's Vault v3 guide makes a payment token from a setup token with type SETUP_TOKEN; " +
       "this snapshot of vault_payment_tokens_v3.json lists only BILLING_AGREEMENT",
}];

function withDeviations(r) {
  for (const d of deviations) {
    if (r.path !== d.path || !r.body) continue;
    const body = JSON.parse(r.body);
    let at = body;
    for (const k of d.field.slice(0, -1)) at = at && typeof at === 'object' ? at[k] : undefined;
    const last = d.field[d.field.length - 1];
    if (!at || at[last] !== d.sent) continue;
    at[last] = d.judged;
    console.log(`note ${r.flow}:${r.step} sends ${d.field.join('.')}=${d.sent}, judged as ` +
                `${d.judged}: ${d.why}`);
    return {...r, body: JSON.stringify(body)};
  }
  return r;
}

// The parts of a multipart/form-data body: [{name, filename, type, data}].
function partsOf(r) {
  const type = (r.headers && r.headers['Content-Type']) || '';
  const m = /boundary=(.+)$/.exec(type);
  if (!m) return null;
  const delimiter = `--${m[1]}`;
  return r.body.split(`\r\n${delimiter}`).map((chunk, i) => (i === 0 ? chunk.slice(delimiter.length) : chunk))
      .filter(chunk => chunk.startsWith('\r\n'))
      .map(chunk => {
        const blank = chunk.indexOf('\r\n\r\n');
        const head = chunk.slice(2, blank);
        const name = /name="([^"]*)"/.exec(head);
        const filename = /filename="([^"]*)"/.exec(head);
        const ctype = /^Content-Type: (.*)$/mi.exec(head);
        return {name: name && name[1], filename: filename && filename[1], type: ctype && ctype[1].trim(),
                data: chunk.slice(blank + 4)};
      });
}

// What Prism cannot see in a multipart dispute action: every part is one the spec's multipart
// schema names (a file) or "input", the JSON part PayPal's docs describe and the spec leaves out;
// provide-evidence's input holds evidences[] that conform to components.schemas.evidence.
function multipartProblems(doc, ajv, r) {
  const op = operationOf(doc, r.method, r.path);
  if (!op) return [];
  const content = op.requestBody && resolve(doc, op.requestBody).content;
  const media = content && content['multipart/form-data'];
  if (!media) return ['[body] the operation takes no multipart/form-data body, one was sent'];
  const parts = partsOf(r);
  if (!parts || !parts.length) return ['[body] not multipart/form-data with a boundary'];
  const named = Object.keys(resolve(doc, media.schema).properties || {});
  const out = [];
  let input = null;
  for (const p of parts) {
    if (p.name === 'input') {
      if (p.type !== 'application/json') out.push(`[part] input: Content-Type ${p.type}, not application/json`);
      try {
        input = JSON.parse(p.data);
      } catch (e) {
        out.push(`[part] input: not JSON (${e.message})`);
      }
    } else if (!named.includes(p.name)) {
      out.push(`[part] ${p.name}: not a part of the schema (${named.join(', ')}) nor "input"`);
    } else if (!p.filename) {
      out.push(`[part] ${p.name}: a file part without a filename`);
    }
  }
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    out.push('[part] input: missing or not a JSON object');
  } else if (r.path.endsWith('/provide-evidence')) {
    if (!Array.isArray(input.evidences) || !input.evidences.length) out.push('[part] input.evidences: missing or empty');
    for (const k of Object.keys(input)) if (k !== 'evidences') out.push(`[part] input.${k}: not a field PayPal documents`);
    (input.evidences || []).forEach((e, i) => out.push(
        ...valueProblems(doc, ajv, {$ref: '#/components/schemas/evidence'}, e, `input.evidences[${i}]`)));
  }
  return out;
}

// verify-webhook-signature sends back the event PayPal delivered, as delivered: every member of
// the spec's `event` is readOnly (PayPal writes them), so their read-only marks do not apply to
// webhook_event. Said aloud, and only there.
function echoedEvent(r, problem) {
  if (r.path !== '/v1/notifications/verify-webhook-signature') return false;
  if (!/^\[body\] body\.webhook_event\.[^:]+: read-only/.test(problem)) return false;
  console.log(`note ${r.flow}:${r.step} ${problem.replace('[body] ', '')}: the delivered event, ` +
              'echoed as PayPal sent it');
  return true;
}

prism.main('check_paypal_contract', ({requests, specFile}) => {
  const base = path.basename(specFile);
  const spec = base.includes('orders') ? 'orders'
      : base.includes('vault')         ? 'vault'
      : base.includes('disputes')      ? 'disputes'
      : base.includes('notifications') ? 'notifications'
                                       : 'payments';
  const mine = requests.filter(r => r.error || r.spec === spec).map(withDeviations);
  const seen = new Set(mine.map(r => `${r.flow} ${r.step || ''}`));
  const failures = expected[spec].filter(k => !seen.has(k)).map(k => `missing from the dump: ${k}`);
  const doc = JSON.parse(fs.readFileSync(specFile, 'utf8'));
  const ajv = compileSpec(doc);
  return prism.check({
    tool: 'check_paypal_contract',
    specFile,
    requests: mine,
    extraProblems: r => (/^multipart\//.test((r.headers || {})['Content-Type'] || '')
                             ? multipartProblems(doc, ajv, r)
                             : bodyProblems(doc, ajv, r).filter(p => !echoedEvent(r, p))),
    label: r => `${r.flow}${r.step ? ':' + r.step : ''} ${r.method || ''} ${r.path || ''}`,
    failures,
  });
});

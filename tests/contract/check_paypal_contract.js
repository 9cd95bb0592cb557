#!/usr/bin/env node
// Sends the requests paypal_contract_requests dumped (JSON lines) whose path belongs to SPEC —
// Orders v2 (/v2/checkout/…) or Payments v2 (/v2/payments/…) — to a Prism mock of that PayPal
// OpenAPI description and reports what Prism says about each one (see prism.js), plus what Prism
// does not check in these specs: each JSON body against the operation's schema and every key
// against its properties (json_schema_check.js). Fails when a flow's request for this spec is
// missing from the dump.
//
//   node tests/contract/check_paypal_contract.js REQUESTS.jsonl SPEC.json
'use strict';

const fs = require('fs');
const path = require('path');
const prism = require('./prism');
const {compileSpec, bodyProblems} = require('./json_schema_check');

const expected = {
  orders: ['authorize_manual order', 'authorize_manual authorize', 'authorize_automatic order',
           'authorize_automatic capture', 'complete_authorize order', 'complete_authorize authorize',
           'get_payment ', 'capture_full order', 'capture_partial order', 'void order',
           'refund_full order', 'refund_partial order'],
  payments: ['capture_full capture', 'capture_partial capture', 'void void', 'refund_full refund',
             'refund_partial refund', 'get_refund '],
};

prism.main('check_paypal_contract', ({requests, specFile}) => {
  const spec = path.basename(specFile).includes('orders') ? 'orders' : 'payments';
  const mine = requests.filter(r => r.error || r.spec === spec);
  const seen = new Set(mine.map(r => `${r.flow} ${r.step || ''}`));
  const failures = expected[spec].filter(k => !seen.has(k)).map(k => `missing from the dump: ${k}`);
  const doc = JSON.parse(fs.readFileSync(specFile, 'utf8'));
  const ajv = compileSpec(doc);
  return prism.check({
    tool: 'check_paypal_contract',
    specFile,
    requests: mine,
    extraProblems: r => bodyProblems(doc, ajv, r),
    label: r => `${r.flow}${r.step ? ':' + r.step : ''} ${r.method || ''} ${r.path || ''}`,
    failures,
  });
});

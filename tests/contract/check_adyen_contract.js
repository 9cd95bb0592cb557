#!/usr/bin/env node
// Sends the requests adyen_contract_requests dumped (JSON lines) to a Prism mock of Adyen's own
// Checkout v71 OpenAPI description and reports what Prism says about each one (see prism.js).
//
//   node tests/contract/check_adyen_contract.js REQUESTS.jsonl SPEC.json
//
// Prints one line per flow, then `N passed, M failed`; exits non-zero when any request fails or
// none ran.
'use strict';

const prism = require('./prism');

prism.main('check_adyen_contract', ({requests, specFile}) => prism.check({
  tool: 'check_adyen_contract',
  specFile,
  requests,
  label: r => `${r.flow} ${r.method || ''} ${r.path || ''}`,
}));

#!/usr/bin/env node
// Sends the requests stripe_contract_requests dumped (JSON lines, one per step of every flow) to
// a Prism mock of Stripe's own OpenAPI description (2023-08-16) and reports what Prism says about
// each one (see prism.js).
//
//   node tests/contract/check_stripe_contract.js REQUESTS.jsonl SPEC.json
//
// Prism does not flag unknown top-level form parameters (shared/contract/README.md), though every
// Stripe request body is `additionalProperties: false`. So each form body is also checked here,
// key by key, against the operation's form schema: every bracketed path (`card[exp_month]`,
// `metadata[order]`) must name a property the schema has, or fall under `additionalProperties`.
//
// Prints one line per request, then `N passed, M failed`; exits non-zero when any request fails,
// none ran, or a flow the connector has is missing from the dump.
'use strict';

const fs = require('fs');
const prism = require('./prism');

const TOOL = 'check_stripe_contract';

// Every flow the dumper must cover, with its number of steps: a flow that vanished from the dump
// (or lost a step) is a failure, not a smaller pass.
const EXPECTED_FLOWS = {
  authorize_card_manual: 2,
  authorize_card_automatic: 2,
  authorize_token: 1,
  authorize_google_pay: 2,
  capture_full: 1,
  capture_partial: 1,
  refund_full: 1,
  refund_partial: 1,
  void: 1,
  get_payment: 1,
  get_refund: 1,
  complete_authorize: 1,
  setup_mandate_card: 3,
  setup_mandate_token: 2,
  recurring_charge: 1,
  revoke_mandate: 1,
  accept_dispute: 1,
  submit_evidence_draft: 1,
  submit_evidence_submit: 1,
  get_dispute: 1,
};

const FORM = 'application/x-www-form-urlencoded';

// `a[b][c]` → ['a', 'b', 'c'].
function keyPath(key) {
  const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (!m) return null;
  return [m[1], ...(m[2].match(/\[([^[\]]*)\]/g) || []).map(s => s.slice(1, -1))];
}

function decodeForm(body) {
  if (!body) return [];
  return body.split('&').map(pair => {
    const eq = pair.indexOf('=');
    const dec = s => decodeURIComponent(s.replace(/\+/g, ' '));
    return eq < 0 ? [dec(pair), null] : [dec(pair.slice(0, eq)), dec(pair.slice(eq + 1))];
  });
}

function formChecker(spec) {
  const resolve = s => {
    while (s && s.$ref) s = s.$ref.replace(/^#\//, '').split('/').reduce((o, k) => o && o[k], spec);
    return s;
  };
  // The schemas a value at `rest` could be validated by, within schema s.
  const admits = (s, rest) => {
    s = resolve(s);
    if (!s) return false;
    if (!rest.length) return true;
    for (const alt of [...(s.anyOf || []), ...(s.oneOf || []), ...(s.allOf || [])]) {
      if (admits(alt, rest)) return true;
    }
    const [head, ...tail] = rest;
    if (s.type === 'array' && /^\d*$/.test(head)) return admits(s.items, tail);
    if (s.properties && Object.prototype.hasOwnProperty.call(s.properties, head)) return admits(s.properties[head], tail);
    if (s.additionalProperties && typeof s.additionalProperties === 'object') return admits(s.additionalProperties, tail);
    return s.additionalProperties === true;
  };
  const templates = Object.keys(spec.paths).map(t => ({
    t,
    re: new RegExp('^' + t.replace(/[.*+?^$()|\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+') + '$'),
  }));

  return r => {
    if (r.error || !r.path) return [];
    const p = r.path.split('?')[0];
    // The most specific template: a literal segment beats a parameter (/search vs /{intent}).
    const match = templates.filter(x => x.re.test(p)).sort((a, b) => a.t.split('{').length - b.t.split('{').length)[0];
    if (!match) return [];  // Prism reports the unknown path
    const op = spec.paths[match.t][(r.method || '').toLowerCase()];
    if (!op) return [];  // Prism reports the unknown method
    const problems = [];
    if (r.body && r.content_type !== FORM) {
      problems.push(`[form] body sent as ${r.content_type}, Stripe takes ${FORM}`);
      return problems;
    }
    const media = op.requestBody && op.requestBody.content && op.requestBody.content[FORM];
    const pairs = decodeForm(r.body);
    if (pairs.length && !media) {
      problems.push(`[form] ${r.method} ${match.t} takes no form body`);
      return problems;
    }
    for (const [k, v] of pairs) {
      const path = keyPath(k);
      if (v === null) problems.push(`[form] pair without '=': ${k}`);
      if (!path) problems.push(`[form] malformed key ${k}`);
      else if (!admits(media.schema, path)) problems.push(`[form] ${k}: not a parameter of ${r.method} ${match.t}`);
    }
    return problems;
  };
}

function coverage(requests) {
  const seen = {};
  for (const r of requests) {
    if (!seen[r.flow]) seen[r.flow] = {steps: 0, error: false};
    if (r.error) seen[r.flow].error = true;
    else seen[r.flow].steps++;
  }
  const problems = [];
  for (const [flow, steps] of Object.entries(EXPECTED_FLOWS)) {
    const s = seen[flow];
    if (!s) problems.push(`flow ${flow} is missing from the dump`);
    else if (!s.error && s.steps !== steps) problems.push(`flow ${flow} has ${s.steps} steps, expected ${steps}`);
  }
  return problems;
}

prism.main(TOOL, async ({requests, specFile}) => {
  const formProblems = formChecker(JSON.parse(fs.readFileSync(specFile, 'utf8')));
  return prism.check({
    tool: TOOL,
    specFile,
    requests,
    label: r => `${r.flow}${r.of > 1 ? ` ${r.step}/${r.of}` : ''} ${r.method || ''} ${r.path || ''}`,
    extraProblems: formProblems,
    failures: coverage(requests),
  });
});

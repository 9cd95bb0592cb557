#!/usr/bin/env node
// Judges the requests a Braintree contract dumper wrote (JSON lines, the format of the other
// dumpers: {flow, step, method, path, headers, body} or {flow, error}) against Braintree's own
// GraphQL schema (shared/contract/specs/braintree-schema.graphql) with the reference GraphQL
// implementation (`graphql`, pinned): each query must parse, hold exactly one operation and pass
// graphql's standard validation rules, and its variables must coerce against the operation's
// variable definitions (getVariableValues: unknown input fields, wrong types, bad enum values and
// missing required fields are refused, as Braintree's server refuses them). Braintree's wire rules
// that the schema does not hold are checked too: POST /graphql, Basic auth, a Braintree-Version
// date, a JSON body. No Prism: there is no OpenAPI description and nothing to mock.
//
//   node tests/contract/check_braintree_contract.js [--flows "a b …"] [--selftest] REQUESTS.jsonl SCHEMA.graphql
//
// Prints `ok`/`FAIL` per request and `N passed, M failed` alone on the last line, like prism.js;
// exits 1 when anything failed or nothing ran, 2 on a usage problem. Flows listed with --flows
// (or BRAINTREE_CONTRACT_FLOWS) must each appear in the dump. With --selftest, a line carrying
// `expect_problem` must be refused with a problem containing that text, and every other line
// must pass: the checker's self-test holds it in both directions.
'use strict';

const fs = require('fs');
const path = require('path');
const {UsageError, readRequests} = require('./prism');

const testsDir = path.resolve(__dirname, '..');
const TOOL = 'check_braintree_contract';

let g;  // the graphql package, loaded by main() so that its absence is a usage error

function loadGraphql() {
  try {
    return require(require.resolve('graphql', {paths: [testsDir]}));
  } catch (e) {
    throw new UsageError(`graphql is not installed in ${testsDir}/node_modules: run tests/install-node-deps.sh`);
  }
}

// Custom scalars whose format Braintree's schema states in words (graphql-js would take anything
// for them). Amounts must be JSON strings: "either a whole number or a number with exactly two or
// three decimal places", and a JSON number would mean the request went through floating point.
const luhn = s => [...s].reverse().reduce((sum, c, i) => {
  const d = Number(c) * (i % 2 ? 2 : 1);
  return sum + (d > 9 ? d - 9 : d);
}, 0) % 10 === 0;
const calendarDate = s => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
                          new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
const scalarFormats = {
  Amount: [/^\d+(\.\d{2,3})?$/, 'a string: a whole number or exactly two or three decimals'],
  Date: [s => /^\d{4}-\d{2}-\d{2}$/.test(s) && calendarDate(s), 'a string YYYY-MM-DD'],
  Month: [/^(0[1-9]|1[0-2])$/, 'a two-digit, zero-padded month string'],
  Year: [/^\d{4}$/, 'a four-digit year string'],
  CVV: [/^\d{3,4}$/, 'a three- or four-digit string'],
  CurrencyCodeAlpha: [/^[A-Z]{3}$/, 'an ISO 4217 alpha code'],
  CountryCodeAlpha2: [/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code'],
  // Alpha-3 only for Braintree-Version before 2021-02-01, per the schema.
  CountryCode: [/^[A-Z]{2,3}$/, 'an ISO 3166-1 alpha-2 (or, before 2021-02-01, alpha-3) code'],
  CreditCardNumber: [s => /^\d{12,19}$/.test(s) && luhn(s), 'a digit string that passes Luhn'],
};

function strictScalars(schema) {
  for (const t of Object.values(schema.getTypeMap())) {
    if (!(t instanceof g.GraphQLScalarType) || g.isSpecifiedScalarType(t)) continue;
    const format = scalarFormats[t.name];
    const check = value => {
      if (value === null || typeof value === 'object')
        throw new TypeError(`${t.name} takes a scalar value, not ${JSON.stringify(value)}`);
      if (!format) return value;
      const [test, words] = format;
      const fine = typeof value === 'string' && (typeof test === 'function' ? test(value) : test.test(value));
      if (!fine) throw new TypeError(`${t.name} must be ${words}; got ${JSON.stringify(value)}`);
      return value;
    };
    t.parseValue = check;
    t.parseLiteral = (ast, variables) => check(g.valueFromASTUntyped(ast, variables));
  }
  return schema;
}

function loadSchema(file) {
  let schema;
  try {
    schema = g.buildSchema(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`${file}: not a GraphQL schema (${e.message})`);
  }
  const invalid = g.validateSchema(schema);
  if (invalid.length) throw new UsageError(`${file}: invalid schema: ${invalid[0].message}`);
  return strictScalars(schema);
}

// Braintree marks deprecated input fields in their descriptions only ("Deprecated: … use X"), not
// with @deprecated, so graphql's own deprecation rule cannot see them.
function deprecationOf(field) {
  if (field.deprecationReason) return field.deprecationReason;
  const m = /^\s*Deprecated:?\s*([^\n]*)/i.exec(field.description || '');
  return m ? m[1].trim() || 'deprecated' : null;
}

// Deprecated input fields named in a variable's value: ["input.amount: …", …].
function deprecatedInVariables(type, value, where, out) {
  const t = g.getNullableType(type);
  if (value === null || value === undefined) return out;
  if (t instanceof g.GraphQLList) {
    if (Array.isArray(value)) value.forEach((v, i) => deprecatedInVariables(t.ofType, v, `${where}[${i}]`, out));
    return out;
  }
  if (!(t instanceof g.GraphQLInputObjectType) || typeof value !== 'object') return out;
  const fields = t.getFields();
  for (const [k, v] of Object.entries(value)) {
    const f = fields[k];
    if (!f) continue;
    const why = deprecationOf(f);
    if (why) out.push(`${where}.${k} (${t.name}.${k}) is deprecated: ${why}`);
    deprecatedInVariables(f.type, v, `${where}.${k}`, out);
  }
  return out;
}

// Deprecated input fields written inline in the query, and deprecated output fields or enum
// values selected (graphql's NoDeprecatedCustomRule).
function deprecatedInQuery(schema, doc) {
  const out = g.validate(schema, doc, [g.NoDeprecatedCustomRule]).map(e => e.message);
  const info = new g.TypeInfo(schema);
  g.visit(doc, g.visitWithTypeInfo(info, {
    ObjectField(node) {
      const parent = g.getNamedType(info.getParentInputType());
      const f = parent instanceof g.GraphQLInputObjectType ? parent.getFields()[node.name.value] : null;
      const why = f && deprecationOf(f);
      if (why) out.push(`${parent.name}.${node.name.value} is deprecated: ${why}`);
    },
  }));
  return out;
}

const header = (r, name) => {
  const k = Object.keys(r.headers || {}).find(h => h.toLowerCase() === name.toLowerCase());
  return k === undefined ? undefined : String(r.headers[k]);
};

// What Braintree's gateway asks of the HTTP request around the query. Auth is the API-key pair
// the connector holds (Braintree also takes OAuth `Bearer` tokens, which the connector does not use).
function wireProblems(r) {
  const out = [];
  if (r.method !== 'POST') out.push(`[http] method ${r.method}, Braintree's GraphQL API takes POST`);
  if (r.path !== '/graphql') out.push(`[http] path ${r.path}, not /graphql`);
  const auth = header(r, 'Authorization');
  const basic = auth && /^Basic ([A-Za-z0-9+/]+={0,2})$/.exec(auth);
  if (!auth) {
    out.push('[header] Authorization missing');
  } else if (!basic) {
    out.push('[header] Authorization is not `Basic base64(public_key:private_key)`');
  } else {
    const pair = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = pair.indexOf(':');
    if (colon <= 0 || colon === pair.length - 1) out.push('[header] Authorization Basic credentials are not public_key:private_key');
  }
  const version = header(r, 'Braintree-Version');
  if (version === undefined) out.push('[header] Braintree-Version missing');
  else if (!/^\d{4}-\d{2}-\d{2}$/.test(version) || !calendarDate(version))
    out.push(`[header] Braintree-Version ${JSON.stringify(version)} is not a date YYYY-MM-DD`);
  const type = header(r, 'Content-Type');
  if (!type || !/^application\/json\s*(;\s*charset=utf-8\s*)?$/i.test(type))
    out.push(`[header] Content-Type ${type === undefined ? 'missing' : JSON.stringify(type)}, not application/json`);
  return out;
}

// Everything wrong with one dumped request, and the notes (deprecations) that do not fail it.
function judge(schema, r) {
  if (r.error) return {problems: [`connector did not build a request: ${r.error}`], notes: []};
  const problems = wireProblems(r);
  const notes = [];
  let body;
  try {
    body = JSON.parse(r.body);
  } catch (e) {
    return {problems: [...problems, `[body] not JSON (${e.message})`], notes};
  }
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return {problems: [...problems, '[body] not a JSON object {query, variables}'], notes};
  // The GraphQL-over-HTTP members; anything else is a builder mistake.
  for (const k of Object.keys(body)) {
    if (!['query', 'variables', 'operationName'].includes(k)) problems.push(`[body] unknown member "${k}"`);
  }
  if (typeof body.query !== 'string' || !body.query.trim())
    return {problems: [...problems, '[body] query missing or not a string'], notes};
  const variables = body.variables === undefined || body.variables === null ? {} : body.variables;
  if (typeof variables !== 'object' || Array.isArray(variables))
    return {problems: [...problems, '[body] variables is not a JSON object'], notes};

  let doc;
  try {
    doc = g.parse(body.query);
  } catch (e) {
    return {problems: [...problems, `[graphql] ${e.message}`], notes};
  }
  const ops = doc.definitions.filter(d => d.kind === g.Kind.OPERATION_DEFINITION);
  if (ops.length !== 1) {
    return {problems: [...problems, `[graphql] ${ops.length} operations in the document; a request carries exactly one`],
            notes};
  }
  const op = ops[0];
  if (body.operationName !== undefined && body.operationName !== null &&
      body.operationName !== (op.name && op.name.value))
    problems.push(`[body] operationName ${JSON.stringify(body.operationName)} names no operation of the query`);
  const invalid = g.validate(schema, doc);
  problems.push(...invalid.map(e => `[graphql] ${e.message}`));
  if (invalid.length) return {problems, notes};

  // Variables the query does not declare are dropped silently by GraphQL servers: a value the
  // builder meant to send that never arrives.
  const declared = new Set((op.variableDefinitions || []).map(v => v.variable.name.value));
  for (const k of Object.keys(variables)) {
    if (!declared.has(k)) problems.push(`[variables] $${k} is not declared by the operation`);
  }
  const coerced = g.getVariableValues(schema, op.variableDefinitions || [], variables, {maxErrors: 50});
  if (coerced.errors) {
    problems.push(...coerced.errors.map(e => `[variables] ${e.message}`));
  } else {
    for (const def of op.variableDefinitions || []) {
      const name = def.variable.name.value;
      notes.push(...deprecatedInVariables(g.typeFromAST(schema, def.type), variables[name], `$${name}`, []));
    }
  }
  notes.push(...deprecatedInQuery(schema, doc));
  return {problems, notes};
}

function label(r) {
  let what = '';
  try {
    const doc = g.parse(JSON.parse(r.body).query);
    const op = doc.definitions.find(d => d.kind === g.Kind.OPERATION_DEFINITION);
    const top = op.selectionSet.selections.find(s => s.kind === g.Kind.FIELD);
    what = `${op.operation} ${top ? top.name.value : ''}`;
  } catch (e) { /* reported by judge */ }
  return `${r.flow}${r.step ? ':' + r.step : ''} ${r.method || ''} ${r.path || ''} ${what}`.replace(/\s+/g, ' ').trim();
}

// Prints one verdict per request and the closing count; the exit code (prism.js's rule: 0 only
// when something ran and nothing failed).
function run({schema, requests, expectedFlows, selftest}) {
  let passed = 0;
  let failed = 0;
  const seen = new Set(requests.map(r => r.flow));
  for (const f of expectedFlows.filter(f => !seen.has(f))) {
    failed++;
    console.log(`FAIL missing from the dump: ${f}`);
  }
  for (const r of requests) {
    const name = label(r);
    const {problems, notes} = judge(schema, r);
    for (const n of notes) console.log(`note ${name}: ${n}`);
    if (selftest && r.expect_problem !== undefined) {
      // A request made wrong on purpose: it passes the self-test when it is refused for that reason.
      const hit = problems.some(p => p.includes(r.expect_problem));
      if (hit) {
        passed++;
        console.log(`ok   ${name} (refused as it should be: ${problems.find(p => p.includes(r.expect_problem))})`);
      } else {
        failed++;
        console.log(`FAIL ${name}\n    should be refused with "${r.expect_problem}", ` +
                    (problems.length ? 'refused for other reasons:' : 'but it passes'));
        for (const p of problems) console.log(`    ${p}`);
      }
      continue;
    }
    if (problems.length) {
      failed++;
      console.log(`FAIL ${name}`);
      for (const p of problems) console.log(`    ${p}`);
    } else {
      passed++;
      console.log(`ok   ${name}`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 || passed === 0 ? 1 : 0;
}

function main() {
  const die = msg => {
    console.error(`${TOOL}: ${msg}`);
    process.exit(2);
  };
  const args = process.argv.slice(2);
  let selftest = false;
  let flows = process.env.BRAINTREE_CONTRACT_FLOWS || '';
  const files = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--selftest') selftest = true;
    else if (args[i] === '--flows') flows = args[++i] || '';
    else files.push(args[i]);
  }
  const [requestsFile, schemaFile] = files;
  if (!requestsFile || !schemaFile || files.length > 2)
    die('usage: check_braintree_contract.js [--flows "a b …"] [--selftest] REQUESTS.jsonl SCHEMA.graphql');
  if (!fs.existsSync(schemaFile))
    die(`schema ${schemaFile} not found: the shared/ folder (CMake CS_SHARED_DIR) must be beside the repo`);
  try {
    g = loadGraphql();
    const schema = loadSchema(schemaFile);
    const requests = readRequests(requestsFile);
    process.exit(run({schema, requests, expectedFlows: flows.split(/\s+/).filter(Boolean), selftest}));
  } catch (e) {
    if (e instanceof UsageError) die(e.message);
    console.error(`${TOOL}: ${e.stack || e}`);
    process.exit(1);
  }
}

main();

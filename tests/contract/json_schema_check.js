// What Prism does not check in JSON request bodies (for PayPal's specs it validates none): the
// body against the operation's request schema (Ajv, OpenAPI 3.0 keywords tolerated), and every
// key against the schema's properties — a key the schema does not name is refused, as the
// processor refuses unknown fields (MALFORMED_REQUEST_JSON / UNKNOWN_PARAMETER).
'use strict';

const Ajv = require('ajv');
const addFormats = require('ajv-formats');

function compileSpec(spec) {
  // unicodeRegExp false: PayPal's patterns (e.g. its e-mail pattern) are not valid with the `u`
  // flag — the reason Prism validates none of these bodies. Unknown formats (PayPal's own
  // "merchant_common_email_address_v2") are not judged; the warnings about them are dropped.
  const ajv = new Ajv({strict: false, allErrors: true, unicodeRegExp: false,
                       logger: {log() {}, warn() {}, error: console.error}});
  addFormats(ajv);
  ajv.addSchema(spec, 'spec');
  return ajv;
}

function resolve(spec, schema) {
  let s = schema;
  const seen = new Set();
  while (s && s.$ref && !seen.has(s.$ref)) {
    seen.add(s.$ref);
    s = s.$ref.replace(/^#\//, '').split('/').reduce((o, k) => (o ? o[k.replace(/~1/g, '/')] : undefined), spec);
  }
  return s || {};
}

// The operation of `method path` and its JSON request schema ($ref into the spec), or null.
function operationOf(spec, method, path) {
  const bare = path.split('?')[0];
  for (const [template, item] of Object.entries(spec.paths || {})) {
    const re = new RegExp('^' + template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+') + '$');
    if (!re.test(bare)) continue;
    const op = item[method.toLowerCase()];
    if (op) return op;
  }
  return null;
}

// The alternatives whose required keys the value has all of (all of them when none fits), so
// that a key two alternatives name differently (Checkout.com's payment and payout `source`) is
// judged by the one the body is.
function fitting(spec, alternatives, value) {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return alternatives;
  const required = a => {
    const r = resolve(spec, a);
    return [r, ...(r.allOf || []).map(p => resolve(spec, p))].flatMap(p => p.required || []);
  };
  const fit = alternatives.filter(a => required(a).every(k => k in value));
  return fit.length ? fit : alternatives;
}

// The schema a discriminator picks for `value` (Checkout.com's sources and destinations: a base
// with `discriminator.mapping` and no oneOf, which Ajv ignores), or null.
function discriminated(spec, s, value) {
  const d = s.discriminator;
  if (!d || !d.mapping || !value || typeof value !== 'object') return null;
  const ref = d.mapping[value[d.propertyName]];
  return ref ? {$ref: ref} : null;
}

// Every key of `value` that `schema` does not name, as JSON paths; with `ajv`, also the value
// against the schema a discriminator picks (Ajv alone would judge only the base).
function unknownKeys(spec, schema, value, where, out, ajv, picked = new Set()) {
  const s = resolve(spec, schema);
  const pick = discriminated(spec, s, value);
  if (pick && !picked.has(pick.$ref)) {
    // The mapped schema is allOf [base, own part]: judge it, and walk it, instead of the base.
    picked = new Set([...picked, pick.$ref]);
    if (ajv) {
      const validate = ajv.getSchema(`spec${pick.$ref}`);
      if (validate && !validate(value))
        for (const e of validate.errors) out.push(`[schema] ${where}${e.instancePath}: ${e.message}`);
    }
    return unknownKeys(spec, pick, value, where, out, ajv, picked);
  }
  if (Array.isArray(value)) {
    if (s.items) value.forEach((v, i) => unknownKeys(spec, s.items, v, `${where}[${i}]`, out, ajv, picked));
    return;
  }
  if (!value || typeof value !== 'object') return;
  // allOf: every part; oneOf/anyOf: the union of the alternatives' names.
  const parts = [s, ...(s.allOf || []), ...fitting(spec, [...(s.oneOf || []), ...(s.anyOf || [])], value)]
                    .map(p => resolve(spec, p));
  const props = {};
  let open = false;
  for (const p of parts) {
    Object.assign(props, p.properties || {});
    if (p.additionalProperties === true || typeof p.additionalProperties === 'object') open = true;
  }
  if (!Object.keys(props).length && (open || parts.every(p => !p.properties))) return;
  for (const [k, v] of Object.entries(value)) {
    if (!(k in props)) {
      if (!open) out.push(`[body] ${where}.${k}: not a field of the schema`);
      continue;
    }
    if (resolve(spec, props[k]).readOnly) out.push(`[body] ${where}.${k}: read-only, not accepted in a request`);
    unknownKeys(spec, props[k], v, `${where}.${k}`, out, ajv, picked);
  }
}

// Problems with one dumped request's JSON body; [] when it conforms or the operation takes none.
function bodyProblems(spec, ajv, r) {
  if (!r.method || !r.path) return [];
  const op = operationOf(spec, r.method, r.path);
  if (!op) return [];  // Prism reports unknown paths itself
  const content = op.requestBody && resolve(spec, op.requestBody).content;
  const media = content && content['application/json'];
  if (!media || !media.schema) {
    return r.body ? ['[body] the operation takes no JSON body, one was sent'] : [];
  }
  if (!r.body) return resolve(spec, op.requestBody).required ? ['[body] required, none sent'] : [];
  let value;
  try {
    value = JSON.parse(r.body);
  } catch (e) {
    return [`[body] not JSON: ${e.message}`];
  }
  return valueProblems(spec, ajv, media.schema, value, 'body');
}

function intoSpec(schema) {
  if (Array.isArray(schema)) return schema.map(intoSpec);
  if (!schema || typeof schema !== 'object') return schema;
  const out = {};
  for (const [k, v] of Object.entries(schema))
    out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `spec${v}` : intoSpec(v);
  return out;
}

// Problems of a JSON value against a schema of the spec (a $ref or inline): Ajv's, then every
// key the schema does not name. `where` prefixes the paths (e.g. "body", "input").
function valueProblems(spec, ajv, schema, value, where) {
  const out = [];
  // An inline schema (e.g. Checkout.com's `oneOf: [PaymentRequest, PayoutRequest]`) is compiled
  // on its own, so its local references are pointed at the spec added as "spec".
  const validate = schema.$ref ? ajv.getSchema(`spec${schema.$ref}`) : ajv.compile(intoSpec(schema));
  if (!validate(value))
    for (const e of validate.errors) out.push(`[schema] ${where}${e.instancePath}: ${e.message}`);
  unknownKeys(spec, schema, value, where, out, ajv);
  return out;
}

module.exports = {compileSpec, bodyProblems, valueProblems, operationOf, resolve};

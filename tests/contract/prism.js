// The part of the contract checkers that is the same for every processor: find the pinned Prism
// (with shared/contract's deepObject fix applied), start one mock of a spec on a free loopback
// port, send the dumped requests, read Prism's verdict on each, and stop it.
//
//   const prism = require('./prism');
//   const code = await prism.check({tool, specFile, requests, label, extraProblems});
//
// A request conforms when Prism's answer has no `sl-violations` header and is not one of Prism's
// own errors (no matching path or method, missing auth): the status code alone says nothing,
// since Prism answers with static examples.
'use strict';

const fs = require('fs');
const http = require('http');
const net = require('net');
const path = require('path');
const {spawn} = require('child_process');

const testsDir = path.resolve(__dirname, '..');
const STARTUP_TIMEOUT_MS = 60000;  // ~5 s normally; CI shares 2 cores with builds
const REQUEST_TIMEOUT_MS = 15000;

class UsageError extends Error {}

function prismBin() {
  let pkg;
  try {
    pkg = require.resolve('@stoplight/prism-cli/package.json', {paths: [testsDir]});
  } catch (e) {
    throw new UsageError(`@stoplight/prism-cli is not installed in ${testsDir}/node_modules: run tests/install-node-deps.sh`);
  }
  // Prism 5 builds {} for absent deepObject fields unless shared/contract's fix was applied.
  let fixed = false;
  try {
    const f = require.resolve('@stoplight/prism-http/dist/validator/deserializers/style/deepObject.js', {paths: [testsDir]});
    fixed = fs.readFileSync(f, 'utf8').includes('deepobject-fix');
  } catch (e) { /* reported below */ }
  if (!fixed) throw new UsageError('the Prism deepObject fix is not applied: run tests/install-node-deps.sh');
  const bin = require(pkg).bin;
  return path.join(path.dirname(pkg), typeof bin === 'string' ? bin : bin.prism);
}

// The dumper's JSON lines, in order.
function readRequests(file) {
  const text = fs.readFileSync(file, 'utf8');
  return text.split('\n').filter(l => l.trim() !== '').map((l, i) => {
    try {
      return JSON.parse(l);
    } catch (e) {
      throw new UsageError(`${file}:${i + 1}: not JSON (${e.message})`);
    }
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const {port} = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// Sends one request as dumped: its own method, headers (Content-Type included) and raw body.
function send(port, {method, path: p, headers, body}) {
  return new Promise((resolve, reject) => {
    const data = body ? Buffer.from(body, 'utf8') : null;
    const h = Object.assign({}, headers || {});
    if (data || (method && method !== 'GET')) h['Content-Length'] = String(data ? data.length : 0);
    const req = http.request({host: '127.0.0.1', port, method, path: p, headers: h, timeout: REQUEST_TIMEOUT_MS}, res => {
      const chunks = [];
      res.on('data', c => chunks.push(c));
      res.on('end', () => resolve({status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8')}));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

const sleep = ms => new Promise(r => setTimeout(r, ms));

async function waitUntilUp(port, child, log) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Prism exited during start-up (code ${child.exitCode}):\n${log()}`);
    }
    try {
      await send(port, {method: 'GET', path: '/', headers: {}});
      return;  // any HTTP answer means it is serving
    } catch (e) {
      await sleep(200);
    }
  }
  throw new Error(`Prism did not answer on port ${port} within ${STARTUP_TIMEOUT_MS} ms:\n${log()}`);
}

// Starts `prism mock` on a free port in its own process group. Resolves to {port, stop, log}.
async function start(specFile) {
  const bin = prismBin();
  const port = await freePort();
  let prismLog = '';
  const child = spawn(process.execPath, [bin, 'mock', '-h', '127.0.0.1', '-p', String(port), specFile], {
    cwd: testsDir,
    detached: true,  // own process group, so stop() ends Prism and anything it started
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = c => { prismLog = (prismLog + c.toString()).slice(-8000); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const onSignal = () => { try { process.kill(-child.pid, 'SIGKILL'); } catch (e) { /* gone */ } process.exit(130); };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const stop = () => new Promise(resolve => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = sig => { try { process.kill(-child.pid, sig); } catch (e) { /* already gone */ } };
    const t = setTimeout(() => kill('SIGKILL'), 3000);
    child.on('exit', () => { clearTimeout(t); resolve(); });
    kill('SIGTERM');
  });
  try {
    await waitUntilUp(port, child, () => prismLog);
  } catch (e) {
    await stop();
    throw e;
  }
  return {port, stop, log: () => prismLog};
}

// Everything Prism objects to in one answer, as printable lines; empty when it conforms.
function problemsOf(res) {
  const out = [];
  const describe = v => {
    const where = (v.location || []).join('.');
    return `[${v.severity}] ${where}${where ? ': ' : ''}${v.message}${v.code ? ` (${v.code})` : ''}`;
  };
  const raw = res.headers['sl-violations'];
  if (raw) {
    try {
      // Violations located in `response` are about the answer Prism made up from the spec's
      // examples (Checkout.com's omit required `_links` members), not about the request.
      out.push(...JSON.parse(raw).filter(v => (v.location || [])[0] !== 'response').map(describe));
    } catch (e) {
      out.push(`[Error] unparseable sl-violations header: ${raw}`);
    }
  }
  // Prism's own refusals (no such path or method, a 422 it generated itself) come as
  // problem+json, and then the violations may be only in the body's `validation` list.
  if (!out.length && /problem\+json/.test(res.headers['content-type'] || '')) {
    try {
      const p = JSON.parse(res.body);
      if (typeof p.type === 'string' && p.type.includes('stoplight.io/prism/errors')) {
        if (Array.isArray(p.validation) && p.validation.length) {
          out.push(...p.validation.map(describe));
        } else {
          out.push(`[Prism ${res.status}] ${p.type.split('#').pop()}: ${p.title || ''}. ${p.detail || ''}`.trim());
        }
      }
    } catch (e) { /* an example body from the spec, not Prism's */ }
  }
  return out;
}

// Sends every dumped request to one Prism mock of specFile and prints `ok`/`FAIL` per request,
// then `N passed, M failed` alone on a line. `label(r)` names a request; `extraProblems(r)` adds
// checks of the checker's own (what Prism does not see); `failures` are problems found before
// sending anything (e.g. a flow missing from the dump), each printed and counted as a failure.
// Returns the exit code: 0 only when at least one request ran and nothing failed.
async function check({tool, specFile, requests, label, extraProblems = () => [], failures = []}) {
  let passed = 0;
  let failed = 0;
  for (const f of failures) {
    failed++;
    console.log(`FAIL ${f}`);
  }
  const started = Date.now();
  let mock = null;
  try {
    mock = await start(specFile);
    console.log(`Prism up on 127.0.0.1:${mock.port} after ${((Date.now() - started) / 1000).toFixed(1)} s (${path.basename(specFile)})`);
    for (const r of requests) {
      const name = label(r).replace(/\s+/g, ' ').trim();
      if (r.error) {
        failed++;
        console.log(`FAIL ${name}\n    connector did not build a request: ${r.error}`);
        continue;
      }
      let problems;
      try {
        problems = problemsOf(await send(mock.port, r));
      } catch (e) {
        problems = [`no answer from Prism: ${e.message}`];
      }
      problems.push(...extraProblems(r));
      if (problems.length) {
        failed++;
        console.log(`FAIL ${name}`);
        for (const p of problems) console.log(`    ${p}`);
      } else {
        passed++;
        console.log(`ok   ${name}`);
      }
    }
  } catch (e) {
    console.error(`${tool}: ${e.message}`);
    failed++;
  } finally {
    if (mock) await mock.stop();
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 || passed === 0 ? 1 : 0;
}

// The usual command line of a checker: REQUESTS.jsonl SPEC.json. Exits 2 on a usage problem.
function main(tool, run) {
  const die = msg => {
    console.error(`${tool}: ${msg}`);
    process.exit(2);
  };
  const [requestsFile, specFile] = process.argv.slice(2);
  if (!requestsFile || !specFile) die(`usage: ${tool}.js REQUESTS.jsonl SPEC.json`);
  if (!fs.existsSync(specFile)) {
    die(`spec ${specFile} not found: the shared/ folder (CMake CS_SHARED_DIR) must be beside the repo`);
  }
  Promise.resolve()
      .then(() => run({requests: readRequests(requestsFile), specFile}))
      .then(code => process.exit(code), e => {
        if (e instanceof UsageError) die(e.message);
        console.error(`${tool}: ${e.stack || e}`);
        process.exit(1);
      });
}

module.exports = {UsageError, prismBin, readRequests, freePort, send, start, problemsOf, check, main};

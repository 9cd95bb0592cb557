#!/usr/bin/env node
// Sends the requests adyen_contract_requests dumped (JSON lines) to a Prism mock of Adyen's own
// Checkout v71 OpenAPI description and reports what Prism says about each one.
//
//   node tests/contract/check_adyen_contract.js REQUESTS.jsonl SPEC.json
//
// A request conforms when Prism's answer has no `sl-violations` header and is not one of Prism's
// own errors (no matching path or method, missing auth): the status code alone says nothing,
// since Prism answers with static examples. Exits non-zero when any request fails or none ran.
'use strict';

const fs = require('fs');
const http = require('http');
const net = require('net');
const path = require('path');
const {spawn} = require('child_process');

const testsDir = path.resolve(__dirname, '..');
const STARTUP_TIMEOUT_MS = 60000;  // ~5 s normally; CI shares 2 cores with builds
const REQUEST_TIMEOUT_MS = 15000;

function die(msg) {
  console.error(`check_adyen_contract: ${msg}`);
  process.exit(2);
}

const [requestsFile, specFile] = process.argv.slice(2);
if (!requestsFile || !specFile) die('usage: check_adyen_contract.js REQUESTS.jsonl SPEC.json');
if (!fs.existsSync(specFile)) {
  die(`spec ${specFile} not found: the shared/ folder (CMake CS_SHARED_DIR) must be beside the repo`);
}

function prismBin() {
  let pkg;
  try {
    pkg = require.resolve('@stoplight/prism-cli/package.json', {paths: [testsDir]});
  } catch (e) {
    die(`@stoplight/prism-cli is not installed in ${testsDir}/node_modules: run tests/install-node-deps.sh`);
  }
  // Prism 5 builds {} for absent deepObject fields unless shared/contract's fix was applied.
  let fixed = false;
  try {
    const f = require.resolve('@stoplight/prism-http/dist/validator/deserializers/style/deepObject.js', {paths: [testsDir]});
    fixed = fs.readFileSync(f, 'utf8').includes('deepobject-fix');
  } catch (e) { /* reported below */ }
  if (!fixed) die('the Prism deepObject fix is not applied: run tests/install-node-deps.sh');
  const bin = require(pkg).bin;
  return path.join(path.dirname(pkg), typeof bin === 'string' ? bin : bin.prism);
}

function readRequests() {
  const text = fs.readFileSync(requestsFile, 'utf8');
  return text.split('\n').filter(l => l.trim() !== '').map((l, i) => {
    try {
      return JSON.parse(l);
    } catch (e) {
      die(`${requestsFile}:${i + 1}: not JSON (${e.message})`);
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

function send(port, {method, path: p, headers, body}) {
  return new Promise((resolve, reject) => {
    const data = body ? Buffer.from(body, 'utf8') : null;
    const h = Object.assign({}, headers || {});
    if (data) h['Content-Length'] = String(data.length);
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

async function waitUntilUp(port, prism, log) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (prism.exitCode !== null || prism.signalCode !== null) {
      throw new Error(`Prism exited during start-up (code ${prism.exitCode}):\n${log()}`);
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

function stop(prism) {
  return new Promise(resolve => {
    if (prism.exitCode !== null || prism.signalCode !== null) return resolve();
    const kill = sig => { try { process.kill(-prism.pid, sig); } catch (e) { /* already gone */ } };
    const t = setTimeout(() => kill('SIGKILL'), 3000);
    prism.on('exit', () => { clearTimeout(t); resolve(); });
    kill('SIGTERM');
  });
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
      out.push(...JSON.parse(raw).map(describe));
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

async function main() {
  const requests = readRequests();
  const bin = prismBin();
  const port = await freePort();
  let prismLog = '';
  const prism = spawn(process.execPath, [bin, 'mock', '-h', '127.0.0.1', '-p', String(port), specFile], {
    cwd: testsDir,
    detached: true,  // own process group, so stop() ends Prism and anything it started
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = c => { prismLog = (prismLog + c.toString()).slice(-8000); };
  prism.stdout.on('data', keep);
  prism.stderr.on('data', keep);
  const onSignal = () => { try { process.kill(-prism.pid, 'SIGKILL'); } catch (e) { /* gone */ } process.exit(130); };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let passed = 0;
  let failed = 0;
  const started = Date.now();
  try {
    await waitUntilUp(port, prism, () => prismLog);
    console.log(`Prism up on 127.0.0.1:${port} after ${((Date.now() - started) / 1000).toFixed(1)} s (${path.basename(specFile)})`);
    for (const r of requests) {
      const label = `${r.flow} ${r.method || ''} ${r.path || ''}`.replace(/\s+/g, ' ').trim();
      if (r.error) {
        failed++;
        console.log(`FAIL ${label}\n    connector did not build a request: ${r.error}`);
        continue;
      }
      let problems;
      try {
        problems = problemsOf(await send(port, r));
      } catch (e) {
        problems = [`no answer from Prism: ${e.message}`];
      }
      if (problems.length) {
        failed++;
        console.log(`FAIL ${label}`);
        for (const p of problems) console.log(`    ${p}`);
      } else {
        passed++;
        console.log(`ok   ${label}`);
      }
    }
  } catch (e) {
    console.error(`check_adyen_contract: ${e.message}`);
    failed++;
  } finally {
    await stop(prism);
  }
  console.log(`${passed} passed, ${failed} failed`);
  if (failed > 0 || passed === 0) process.exit(1);
}

main().catch(e => {
  console.error(`check_adyen_contract: ${e.stack || e}`);
  process.exit(1);
});

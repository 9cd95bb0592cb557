// Checkout.com publishes its API description as split YAML (checkout-api-reference, nas_spec/):
// a root swagger.yaml without paths, one file per path under paths/ (the file name is the path
// with "/" written "@"), one file per component under components/<kind>/ (the file name, without
// folders, is the component's name). This puts them back together the way the repository's own
// build does, as one OpenAPI 3.0.1 document, so Prism and Ajv can judge requests against it.
//
//   node tests/contract/checkout_com_spec.js nas_spec/swagger.yaml OUT.json
'use strict';

const fs = require('fs');
const path = require('path');
const YAML = require('yaml');

function yamlFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, {withFileTypes: true}).flatMap(e => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(e.name) ? [full] : [];
  });
}

function load(file) {
  try {
    return YAML.parse(fs.readFileSync(file, 'utf8'), {maxAliasCount: -1});
  } catch (e) {
    throw new Error(`${file}: ${e.message}`);
  }
}

// The one document, or an exception naming the file that is wrong (a name given twice is one).
function bundle(rootFile) {
  const root = path.dirname(rootFile);
  const doc = load(rootFile);
  doc.paths = doc.paths || {};
  for (const file of yamlFiles(path.join(root, 'paths'))) {
    const name = path.basename(file).replace(/\.ya?ml$/, '');
    if (name.startsWith('_')) continue;  // drafts the repository's build leaves out
    const p = '/' + name.replace(/@/g, '/');
    if (doc.paths[p]) throw new Error(`${file}: path ${p} is defined twice`);
    doc.paths[p] = load(file);
  }
  doc.components = doc.components || {};
  const kinds = path.join(root, 'components');
  for (const kind of fs.existsSync(kinds) ? fs.readdirSync(kinds) : []) {
    if (!fs.statSync(path.join(kinds, kind)).isDirectory()) continue;
    const into = (doc.components[kind] = doc.components[kind] || {});
    for (const file of yamlFiles(path.join(kinds, kind))) {
      const name = path.basename(file).replace(/\.ya?ml$/, '');
      if (into[name]) throw new Error(`${file}: components.${kind}.${name} is defined twice`);
      into[name] = load(file);
    }
  }
  // The build inlines the global headers (Cko-Request-Id, Cko-Version) where they are used, since
  // components.headers is valid OpenAPI 3 the references can stay.
  return doc;
}

// Every local $ref of the document that points at nothing: a bundle that lost a file would
// otherwise make Ajv and Prism skip what it should have judged.
function danglingRefs(doc) {
  const out = new Set();
  const walk = v => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    if (typeof v.$ref === 'string' && v.$ref.startsWith('#/')) {
      const target = v.$ref.slice(2).split('/').reduce(
          (o, k) => (o ? o[k.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), doc);
      if (target === undefined) out.add(v.$ref);
    }
    Object.values(v).forEach(walk);
  };
  walk(doc);
  return [...out];
}

module.exports = {bundle, danglingRefs};

if (require.main === module) {
  const [rootFile, outFile] = process.argv.slice(2);
  if (!rootFile || !outFile) {
    console.error('usage: checkout_com_spec.js nas_spec/swagger.yaml OUT.json');
    process.exit(2);
  }
  const doc = bundle(rootFile);
  const dangling = danglingRefs(doc);
  fs.writeFileSync(outFile, JSON.stringify(doc, null, 1));
  console.log(`${Object.keys(doc.paths).length} paths, ` +
              `${Object.keys(doc.components.schemas || {}).length} schemas -> ${outFile}` +
              (dangling.length ? `; dangling: ${dangling.join(', ')}` : ''));
}

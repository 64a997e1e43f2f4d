// The direction of imports between civicflow's layers, checked by `npm run lint`.
//
//   domain  <-  services  <-  api, activities, intake (channels)
//     ^            ^
//     +-- db ------+          workflows: domain and message contracts only
//
// db/seed/ loads demo data through services/. worker/, scripts/, bench/ and tests/ assemble the layers and may import any of them.
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Message contracts: side-effect-free modules any layer may use to talk to a workflow. */
const CONTRACT = /^workflows\/(?:[\w-]+\.messages|search-attributes|actor-proof)(?:\.ts)?$/;

/** For each layer, the layers it may import (besides itself). */
export const LAYERS = {
  domain: [],
  config: ['domain'],
  db: ['domain', 'config'],
  seed: ['services', 'domain', 'db', 'config'],
  services: ['domain', 'db', 'config', 'contracts'],
  activities: ['services', 'domain', 'config', 'contracts'],
  api: ['services', 'domain', 'config', 'contracts'],
  intake: ['services', 'domain', 'config', 'contracts'],
  workflows: ['domain', 'contracts'],
};

const WHY = {
  domain: 'domain/ holds pure rules and imports nothing of ours',
  config: 'config/ parses the configuration and imports only domain/',
  db: 'db/ (entities, migrations) imports only domain/ and config/',
  seed: 'db/seed/ loads data through services/ (and domain/, db/)',
  services: 'services/ import domain/, db/, config/ and workflow message contracts',
  activities: 'activities/ reuse services/ (and domain/): never api/, intake/ or db/ directly',
  api: 'routes call services/ (and domain/): never activities/, intake/ or db/ directly',
  intake: 'channels call services/ (and domain/): never api/, activities/ or db/ directly',
  workflows: 'workflows import only domain/ and message contracts (types of activities are allowed)',
};

function layerOf(relative) {
  // Seeds load demo data the way an operator would: through services/.
  if (relative.startsWith('db/seed/')) return 'seed';
  const top = relative.split('/')[0];
  return Object.hasOwn(LAYERS, top) ? top : null;
}

export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports follow the layers: domain <- services <- api, activities, channels' },
    schema: [],
  },
  create(context) {
    const file = path.relative(ROOT, context.filename).split(path.sep).join('/');
    const from = layerOf(file);
    if (!from) return {};
    function check(node, source, typeOnly) {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = path
        .relative(ROOT, path.resolve(path.dirname(context.filename), source))
        .split(path.sep)
        .join('/');
      const to = layerOf(target);
      if (!to || to === from) return;
      const allowed = LAYERS[from];
      if (CONTRACT.test(target) && allowed.includes('contracts')) return;
      if (allowed.includes(to)) return;
      // A workflow names its activities' types for proxyActivities; the bundle never holds their code.
      if (from === 'workflows' && to === 'activities' && typeOnly) return;
      context.report({ node, message: `${from}/ must not import ${target}: ${WHY[from]}.` });
    }
    const typeOnlyImport = (node) =>
      node.importKind === 'type' ||
      (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === 'type'));
    return {
      ImportDeclaration: (node) => check(node, node.source.value, typeOnlyImport(node)),
      ExportNamedDeclaration: (node) =>
        node.source && check(node, node.source.value, node.exportKind === 'type'),
      ExportAllDeclaration: (node) => check(node, node.source.value, node.exportKind === 'type'),
      ImportExpression: (node) => check(node, node.source.value, false),
    };
  },
};

export const layersPlugin = { rules: { layers: layersRule } };

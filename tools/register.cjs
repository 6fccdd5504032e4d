// Runs TypeScript directly (API, CLI, benchmarks) with SWC, honouring tsconfig paths and
// decorator metadata, so `npm start` needs no separate API build step.
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || require('path').join(__dirname, '..', 'tsconfig.base.json');
require('@swc-node/register');

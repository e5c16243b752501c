// process_env.js — process.env holds only what the configuration exposes
// (never the webhook), process.argv is ['node', script, ...args], and the
// script global tells its name, args, dry-run flag and env.
// b24test: env=REGION=north,LIMIT=5 args="alpha beta"

console.log(JSON.stringify(process.env));
console.log(process.env.REGION, process.env.LIMIT, process.env.BITRIX24_WEBHOOK_URL);
console.log(JSON.stringify(process.argv));
console.log(script.name, JSON.stringify(script.args), script.dryRun, JSON.stringify(script.env));
console.log(typeof fetch, typeof XMLHttpRequest, typeof process.exit);
const name = 'fs';
try {
  require(name);
} catch (e) {
  console.log(e.message);
}

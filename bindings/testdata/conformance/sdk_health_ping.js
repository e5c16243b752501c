// sdk_health_ping.js — the docs' tools demos: healthCheck and ping.

const healthy = await $b24.tools.healthCheck.make({ requestId: 'health-1' });
console.log('health', healthy);
const ping = await $b24.tools.ping.make({ requestId: 'ping-1' });
console.log('ping', ping >= 0 ? 'ok' : 'failed');

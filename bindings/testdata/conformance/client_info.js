// client_info.js — what the client tells about itself: the portal origin
// (never the secret), the tools, getHttpClient, loggers and limiter
// settings that are accepted and ignored.

const origin = $b24.getTargetOrigin();
console.log(/^https?:\/\/[\w.-]+(:\d+)?$/.test(origin));
const paths = $b24.getTargetOriginWithPath();
console.log(paths instanceof Map, [...paths.keys()].join(','));
console.log(paths.get('v2') === `${origin}/rest/1/***`, paths.get('v3') === `${origin}/rest/api/1/***`);
console.log(await $b24.tools.healthCheck.make({ requestId: 'health' }));
const ms = await $b24.tools.ping.make();
console.log(typeof ms, ms >= 0);
const http = $b24.getHttpClient('v2');
console.log(http.apiVersion, typeof http.call, typeof http.getStats().totalRequests);
const direct = await http.call('server.time', {});
console.log(direct instanceof AjaxResult, direct.isSuccess);
try {
  $b24.getHttpClient('v9');
} catch (e) {
  console.log(e.name, e.code);
}
$b24.setLogger($b24.getLogger());
await $b24.setRestrictionManagerParams({ rateLimit: { burstLimit: 1 } });
$b24.offClientSideWarning();
console.log($b24.isInit, B24Hook.batchSize, $b24.auth.getAuthData().access_token);
console.log(JSON.stringify($b24).includes('secret'), Object.keys($b24).join(','));

// timers.js — setTimeout, setInterval, setImmediate and their clear
// functions; the run ends once every timer has fired.

const log = [];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

setTimeout(() => log.push('timeout 30'), 30);
setTimeout(() => log.push('timeout 10'), 10);
setTimeout((a, b) => log.push(`args ${a} ${b}`), 20, 'x', 'y');
const cancelled = setTimeout(() => log.push('cancelled'), 15);
clearTimeout(cancelled);
setImmediate(() => log.push('immediate'));

let ticks = 0;
const interval = setInterval(() => {
  ticks++;
  if (ticks === 3) clearInterval(interval);
}, 5);

await sleep(60);
console.log(log.join(', '));
console.log('ticks', ticks);

const start = Date.now();
await sleep(50);
console.log(Date.now() - start >= 45);

// A timer still pending when the top level ends keeps the run alive.
setTimeout(() => console.log('last timer'), 20);
const t = setTimeout(() => console.log('never: unref'), 5000);
t.unref();
console.log(typeof t.ref, t.hasRef());
console.log('top level done');

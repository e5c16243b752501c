// timeout_loop.js — an endless loop is stopped by the run's timeout, and the
// error says where the script was.
// b24test: timeout=300ms error="timeout_loop.js:8:"

console.log('start');
let n = 0;
for (;;) {
  n++;
}

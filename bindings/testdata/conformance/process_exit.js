// process_exit.js — process.exit ends the run at once; a non-zero code is a
// failure. Nothing after it runs, not even a catch or a timer.
// b24test: error="process.exit(3)"

setTimeout(() => console.log('timer never fires'), 10);
console.log('before exit');
try {
  process.exit(3);
} catch (e) {
  console.log('not caught');
}
console.log('not reached');

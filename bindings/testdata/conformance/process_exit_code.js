// process_exit_code.js — process.exitCode set to a failure fails the run
// once it has finished, as Node exits with it.
// b24test: error="process.exit(2)"

process.exitCode = 2;
await new Promise((resolve) => setTimeout(resolve, 5));
console.log('finished anyway');

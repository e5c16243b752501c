// unhandled_rejection.js — a rejected promise nobody handles fails the run,
// like Node's unhandled rejection, even though the top level completed.
// b24test: error="Uncaught (in promise) Error: nobody waits for me"

async function background() {
  await null;
  throw new Error('nobody waits for me');
}
background();
console.log('top level continues');

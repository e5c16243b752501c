// process_exit_zero.js — process.exit(0) ends the run successfully.

async function main() {
  console.log('working');
  process.exit(0);
}
main().catch(() => process.exit(1));
await new Promise((resolve) => setTimeout(resolve, 10));
console.log('not reached');

// syntax_error_ts.ts — in TypeScript too, at the user's line and column.
// b24test: compile-error="syntax_error_ts.ts:7:"

interface Deal { id: number }
const d: Deal = { id: 1 };
console.log(d);
function broken(a: number {
  return a;
}

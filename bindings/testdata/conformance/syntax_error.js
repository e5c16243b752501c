// syntax_error.js — a syntax error is reported with the file, line and column.
// b24test: compile-error="syntax_error.js:6:17"

const ok = 1;
console.log(ok);
const broken = {;

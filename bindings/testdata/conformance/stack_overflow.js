// stack_overflow.js — endless recursion is stopped by the call depth limit
// and can be caught as a RangeError... or fails the run when it is not.
// b24test: error="Maximum call stack size exceeded"

function down(n) {
  return down(n + 1) + 1;
}
console.log('recursing');
down(0);

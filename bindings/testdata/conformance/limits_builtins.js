// limits_builtins.js — builtins that turn a few bytes of script into huge
// strings or arrays are bounded by the run's limit (16 MiB by default).

const attempts = {
  repeat: () => 'x'.repeat(2 ** 30),
  padStart: () => ''.padStart(2 ** 30, 'ab'),
  padEnd: () => 'a'.padEnd(2 ** 30),
  join: () => new Array(2 ** 30).join('x'),
  fill: () => new Array(2 ** 30).fill(0),
};
for (const [name, f] of Object.entries(attempts)) {
  try {
    f();
    console.log(name, 'allowed');
  } catch (e) {
    console.log(name, e.name);
  }
}
console.log('ab'.repeat(3), '5'.padStart(3, '0'), [1, 2].join('-'), new Array(3).fill(7).join(''));
console.log(String.prototype.repeat.name, String.prototype.repeat.length, Object.keys(String.prototype).length);

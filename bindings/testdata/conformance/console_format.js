// console_format.js — console.log formats values exactly as Node 20 prints
// them (the golden file was written by node): util.inspect for objects,
// arrays, Map, Set, Date, errors and class instances, and the %s %d %i %f
// %j %o %O %% specifiers.

console.log('plain string', 42, -0, 1.5e-7, 2n, true, null, undefined);
console.log({ a: 1, b: 'two', c: [1, 2, 3], d: { e: null, f: undefined } });
console.log([1, 'a', { b: [2, { c: [3, { d: 4 }] }] }]);
console.log({ 'key-with-dash': 1, valid_id: 2, 3: 'three', 'it\'s': "q'uote" });
console.log(['it\'s', 'say "hi"', 'both \' and "', 'line\nbreak', 'tab\there']);
console.log(Array.from({ length: 30 }, (_, i) => i * 3));
console.log(Array.from({ length: 120 }, (_, i) => i));
console.log(Array.from({ length: 10 }, (_, i) => `item-${i}`));
console.log([, 1, , 2, , ,]);
console.log([]);
console.log({});
console.log([[]], [{}], { a: {} });
console.log(new Map([['a', 1], ['b', { c: 2 }]]), new Set([1, 'two', [3]]));
console.log(new Map(), new Set());
console.log(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)));
console.log({ when: new Date(Date.UTC(2020, 11, 31)) });
console.log(/ab+c/gi, { re: /x/ });
console.log(function named() {}, () => {}, async function af() {}, class Foo {}, class Bar extends Array {});
console.log({ fn() {}, arrow: () => 1 });
class Deal {
  constructor(id) {
    this.id = id;
    this.title = `Deal ${id}`;
  }
}
console.log(new Deal(7), [new Deal(1), new Deal(2)]);
console.log(Object.create(null), Object.assign(Object.create(null), { x: 1 }));
const circular = { name: 'root', list: [1, 2] };
circular.self = circular;
circular.list.push(circular);
console.log(circular);
console.log({ l1: { l2: { l3: { l4: { l5: 1 } } } } });
console.log([[[[[1]]]]]);
console.log({
  ID: '1', TITLE: 'Deal #1', TYPE_ID: 'SALE', STAGE_ID: 'NEW', CURRENCY_ID: 'EUR', OPPORTUNITY: '100.00',
  ASSIGNED_BY_ID: '1', DATE_CREATE: '2024-01-01T10:00:00+03:00',
});
console.log({ short: 'x', nested: { a: 1, b: 2 }, list: ['a', 'b'] });
console.log([{ id: 1, name: 'a' }, { id: 2, name: 'b' }, { id: 3, name: 'c' }]);
console.log({ text: 'a'.repeat(100) });
console.log('x'.repeat(20) + '\n' + 'y'.repeat(5));
console.log({ multi: 'first line of a rather long text\nsecond line of the same long text value' });
console.log(Symbol('s'), { [Symbol('k')]: 1 }, Symbol.iterator);
console.log(new Number(3), new String('str'), new Boolean(false));
console.log([undefined, null, NaN, -0, 0, Infinity]);
console.log({ neg: -1.5, big: 12345678901234567890, small: 0.000001, tiny: 1e-7 });
console.log('%s is %d years and %i days, %f%%', 'Bob', 42.5, 3.9, 1.25);
console.log('%s', { a: 1 }, '%s', [1, 2]);
console.log('%s %s', 'only one');
console.log('%j', { a: [1, 'x'] }, '%O', { b: { c: { d: { e: 1 } } } });
console.log('%o', [1, { a: 2 }]);
console.log('%d', '42', '%i', 'x', '%f', '1.5abc');
console.log('100%', 'done', '%c styled', 'color: red');
console.log('%s', null, undefined, 5n, Symbol('y'));
console.log([1.5, 22.25, 333.125, 4, 55, 666, 7777, 88888, 9]);
console.log(['a', 'bb', 'ccc', 'dddd', 'eeeee', 'ffffff', 'ggggggg', 'hhhhhhhh']);
console.log({ arr: Array.from({ length: 8 }, (_, i) => ({ i })) });
console.log(Array.from({ length: 3 }, (_, i) => Array.from({ length: 8 }, (_, j) => i * 8 + j)));
console.log({ a: [1, 2, [3, 4, [5, [6]]]] });
console.log(Promise.resolve(5), Promise.reject(new Error('no')).catch(() => {}) && 'caught');
console.log(new Error('message only').message, String(new TypeError('bad type')));
console.log([new Map([[{ k: 1 }, new Set([1])]])]);
console.log({ und: undefined, nul: null, emptyStr: '', zero: 0, f: false });
console.dir({ a: { b: { c: { d: 1 } } } }, { depth: 0 });
console.log(Object.assign([1, 2], { extra: true }));
console.log('multi', 'args', 1, { x: 1 }, ['y']);

// The globals a script sees besides the SDK: console, process, script,
// timers, on() and schedule(), and the bounded versions of the builtins that
// can build huge strings from a few bytes of script.

import { format, inspect } from './inspect.js';
import { installIntl } from './intl.js';

function define(target, name, value) {
  Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });
}

// makeConsole maps console.* onto the host: console.log to the run's stdout
// (or the log at info when there is none), the others to the structured log
// at their level. Output is formatted as Node's console formats it.
function makeConsole() {
  let indent = '';
  const counts = new Map();
  const timers = new Map();
  const out = (level) => (...args) => {
    let text = format(...args);
    if (indent !== '') text = indent + text.replaceAll('\n', `\n${indent}`);
    native.print(level, text);
  };
  const console = {
    log: out('log'),
    info: out('info'),
    debug: out('debug'),
    warn: out('warn'),
    error: out('error'),
    dir(value, options) {
      native.print('log', indent + inspect(value, { ...options }));
    },
    trace(...args) {
      const err = new Error(format(...args));
      err.name = 'Trace';
      native.print('error', indent + String(err.stack).replace(/\n\tat /g, '\n    at '));
    },
    assert(condition, ...args) {
      if (!condition) {
        args[0] = `Assertion failed${args.length === 0 ? '' : `: ${args[0]}`}`;
        console.warn(...args);
      }
    },
    count(label = 'default') {
      const n = (counts.get(`${label}`) ?? 0) + 1;
      counts.set(`${label}`, n);
      console.info(`${label}: ${n}`);
    },
    countReset(label = 'default') {
      counts.delete(`${label}`);
    },
    group(...args) {
      if (args.length > 0) console.log(...args);
      indent += '  ';
    },
    groupEnd() {
      indent = indent.slice(0, -2);
    },
    time(label = 'default') {
      timers.set(`${label}`, native.now());
    },
    timeLog(label = 'default', ...data) {
      const start = timers.get(`${label}`);
      if (start === undefined) return;
      console.info(`${label}: ${(native.now() - start).toFixed(3)}ms`, ...data);
    },
    timeEnd(label = 'default') {
      console.timeLog(label);
      timers.delete(`${label}`);
    },
    table(data) {
      console.log(data);
    },
  };
  console.groupCollapsed = console.group;
  console.dirxml = console.log;
  return console;
}

// Timeout is what setTimeout and setInterval return, as in Node: it
// converts to its numeric id, and unref() lets the run end without it.
class Timeout {
  constructor(id) {
    define(this, '_id', id);
  }

  ref() {
    native.refTimer(this._id, true);
    return this;
  }

  unref() {
    native.refTimer(this._id, false);
    return this;
  }

  hasRef() {
    return native.refTimer(this._id);
  }

  refresh() {
    native.refreshTimer(this._id);
    return this;
  }

  [Symbol.toPrimitive]() {
    return this._id;
  }
}

class Immediate {
  constructor(id) {
    define(this, '_id', id);
  }

  ref() {
    return this;
  }

  unref() {
    return this;
  }

  hasRef() {
    return true;
  }
}

const timerId = (t) => (t instanceof Timeout || t instanceof Immediate ? t._id : Number(t));

function checkCallback(fn) {
  if (typeof fn !== 'function') {
    throw new TypeError(`The "callback" argument must be of type function. Received ${inspect(fn)}`);
  }
}

function installTimers(g) {
  define(g, 'setTimeout', (fn, delay, ...args) => {
    checkCallback(fn);
    return new Timeout(native.setTimer(fn, delay, 'timeout', args));
  });
  define(g, 'setInterval', (fn, delay, ...args) => {
    checkCallback(fn);
    return new Timeout(native.setTimer(fn, delay, 'interval', args));
  });
  define(g, 'setImmediate', (fn, ...args) => {
    checkCallback(fn);
    return new Immediate(native.setTimer(fn, 0, 'immediate', args));
  });
  const clear = (t) => {
    if (t !== undefined && t !== null) native.clearTimer(timerId(t));
  };
  define(g, 'clearTimeout', clear);
  define(g, 'clearInterval', clear);
  define(g, 'clearImmediate', clear);
  define(g, 'queueMicrotask', (fn) => {
    checkCallback(fn);
    Promise.resolve().then(() => fn());
  });
}

function makeProcess(info) {
  const env = {};
  for (const [k, v] of Object.entries(info.env)) env[k] = v;
  const stdout = { write: (s) => native.write(String(s)) || true, isTTY: false };
  const stderr = { write: (s) => native.print('warn', String(s).replace(/\n$/, '')) || true, isTTY: false };
  const process = {
    env,
    argv: ['node', info.name, ...info.args],
    argv0: 'node',
    platform: 'linux',
    exitCode: undefined,
    exit(code) {
      native.exit(code ?? process.exitCode ?? 0);
    },
    nextTick(fn, ...args) {
      checkCallback(fn);
      Promise.resolve().then(() => fn(...args));
    },
    cwd: () => '/',
    uptime: () => native.now() / 1000,
    hrtime: Object.assign(() => {
      const ms = native.now();
      return [Math.floor(ms / 1000), Math.round((ms % 1000) * 1e6)];
    }, { bigint: () => BigInt(Math.round(native.now() * 1e6)) }),
    memoryUsage: () => ({ rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }),
    stdout,
    stderr,
    on() {
      return process;
    },
    once() {
      return process;
    },
  };
  return process;
}

function makeScript(info) {
  return Object.freeze({
    name: info.name,
    args: Object.freeze([...info.args]),
    dryRun: info.dryRun,
    env: Object.freeze({ ...info.env }),
  });
}

// patch replaces a builtin method keeping its name, length and attributes.
function patch(proto, name, wrap) {
  const original = proto[name];
  const replacement = wrap(original);
  Object.defineProperty(replacement, 'name', { value: name });
  Object.defineProperty(replacement, 'length', { value: original.length });
  define(proto, name, replacement);
}

// boundBuiltins keeps repeat-like builtins from building strings or arrays
// beyond the run's limit: goja cannot cap a runtime's memory, so the
// amplifiers are capped instead (reference/embedding.md §1.8).
function boundBuiltins(max) {
  const tooLong = (n) => new RangeError(`Invalid string length: ${n} exceeds this run's limit of ${max}`);
  patch(String.prototype, 'repeat', (original) => function (count) {
    const n = String(this).length * Math.floor(Number(count));
    if (n > max) throw tooLong(n);
    return original.call(this, count);
  });
  for (const name of ['padStart', 'padEnd']) {
    patch(String.prototype, name, (original) => function (targetLength, padString) {
      if (Number(targetLength) > max) throw tooLong(Number(targetLength));
      return original.call(this, targetLength, padString);
    });
  }
  patch(Array.prototype, 'join', (original) => function (separator) {
    const sep = separator === undefined ? 1 : String(separator).length;
    const n = Math.max(0, Number(this.length) - 1) * sep;
    if (n > max) throw tooLong(n);
    return original.call(this, separator);
  });
  patch(Array.prototype, 'fill', (original) => function (value, start, end) {
    const len = Number(this.length) || 0;
    const rel = (v, d) => {
      if (v === undefined) return d;
      const i = Math.trunc(Number(v)) || 0;
      return i < 0 ? Math.max(len + i, 0) : Math.min(i, len);
    };
    const n = rel(end, len) - rel(start, 0);
    if (n > max) throw new RangeError(`Invalid array length: filling ${n} elements exceeds this run's limit of ${max}`);
    return original.call(this, value, start, end);
  });
}

// installGlobals sets up the script's global scope.
export function installGlobals(b24, sdk, info) {
  const g = globalThis;
  define(g, '$b24', b24);
  define(g, 'b24', b24);
  for (const name of ['B24Hook', 'Result', 'AjaxResult', 'AjaxError', 'SdkError']) define(g, name, sdk[name]);
  define(g, 'console', makeConsole());
  define(g, 'process', makeProcess(info));
  define(g, 'script', makeScript(info));
  define(g, 'on', (event, handler) => {
    checkCallback(handler);
    native.on(String(event).toUpperCase(), handler);
  });
  define(g, 'schedule', (spec, handler) => {
    checkCallback(handler);
    native.schedule(String(spec), handler);
  });
  installTimers(g);
  installIntl(g);
  if (typeof Symbol.asyncIterator !== 'symbol') {
    // esbuild's lowered for-await looks the symbol up this way on goja.
    Object.defineProperty(Symbol, 'asyncIterator', { value: Symbol.for('Symbol.asyncIterator') });
  }
  boundBuiltins(info.maxStringBytes);
}

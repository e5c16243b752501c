// Intl: the common part of ECMA-402 that business scripts use to show money
// and dates: Intl.NumberFormat, Intl.DateTimeFormat, and the locale-aware
// Number.prototype.toLocaleString and Date.prototype.toLocale*String that
// delegate to them (goja has no Intl and aliases those to toString).
// Options are read and checked here, in ECMA-402's order and with Node's
// messages; the formatting itself is native (intl.go, intl_number.go,
// intl_date.go).

function define(target, name, value) {
  Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });
}

// localeList is CanonicalizeLocaleList's input: a list of strings.
function localeList(locales) {
  if (locales === undefined) return [];
  if (typeof locales === 'string') return [locales];
  if (locales === null) throw new TypeError('Cannot convert undefined or null to object');
  const o = Object(locales);
  const len = Math.min(Number(o.length) || 0, 1000);
  const out = [];
  for (let i = 0; i < len; i++) {
    if (!(i in o)) continue;
    const v = o[i];
    if (typeof v !== 'string' && (typeof v !== 'object' || v === null)) {
      throw new TypeError(`Language ID should be string or object.`);
    }
    out.push(String(v));
  }
  return out;
}

function toOptions(options) {
  if (options === undefined) return Object.create(null);
  if (options === null) throw new TypeError('Cannot convert undefined or null to object');
  return Object(options);
}

function getOption(o, prop, values, fallback, ctor) {
  const v = o[prop];
  if (v === undefined) return fallback;
  const s = String(v);
  if (values !== undefined && !values.includes(s)) {
    throw new RangeError(`Value ${s} out of range for Intl.${ctor} options property ${prop}`);
  }
  return s;
}

function defaultNumberOption(v, min, max, fallback, prop) {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (Number.isNaN(n) || n < min || n > max) throw new RangeError(`${prop} value is out of range.`);
  return Math.floor(n);
}

const slots = new WeakMap();

function slot(self, ctor, method) {
  const s = typeof self === 'object' && self !== null ? slots.get(self) : undefined;
  if (s === undefined || s.ctor !== ctor) {
    throw new TypeError(`Method Intl.${ctor}.prototype.${method} called on incompatible receiver ${typeof self === 'object' ? Object.prototype.toString.call(self) : String(self)}`);
  }
  return s;
}

// A formatter's format is a getter returning a bound function, so that
// values.map(nf.format) works.
function boundFormat(proto, ctor, fn) {
  Object.defineProperty(proto, 'format', {
    configurable: true,
    enumerable: false,
    get() {
      const s = slot(this, ctor, 'format');
      if (s.bound === undefined) {
        const self = this;
        s.bound = Object.defineProperty((x) => fn(self, s, x), 'name', { value: '' });
      }
      return s.bound;
    },
  });
}

function supportedLocalesOf(kind) {
  return function supportedLocalesOf(locales, options) {
    if (options !== undefined) getOption(toOptions(options), 'localeMatcher', ['lookup', 'best fit'], 'best fit', kind === 'number' ? 'NumberFormat' : 'DateTimeFormat');
    return native.intlResolve(kind, localeList(locales), true);
  };
}

// ---- NumberFormat ----

// mathValue is ToIntlMathematicalValue: decimal strings and BigInts are
// formatted exactly, as Node does; everything else goes through Number.
function mathValue(x) {
  if (typeof x === 'bigint') return String(x);
  if (typeof x === 'string') {
    const s = x.trim();
    if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return s;
  }
  return Number(x);
}

function NumberFormat(locales, options) {
  if (new.target === undefined) return new NumberFormat(locales, options);
  const locale = native.intlResolve('number', localeList(locales));
  const o = toOptions(options);
  const C = 'NumberFormat';
  getOption(o, 'localeMatcher', ['lookup', 'best fit'], 'best fit', C);
  getOption(o, 'numberingSystem', undefined, undefined, C);
  const style = getOption(o, 'style', ['decimal', 'percent', 'currency', 'unit'], 'decimal', C);
  let currency = getOption(o, 'currency', undefined, undefined, C);
  if (currency !== undefined) {
    if (!/^[A-Za-z]{3}$/.test(currency)) throw new RangeError(`Invalid currency code : ${currency}`);
    currency = currency.toUpperCase();
  }
  const currencyDisplay = getOption(o, 'currencyDisplay', ['code', 'symbol', 'narrowSymbol', 'name'], 'symbol', C);
  const currencySign = getOption(o, 'currencySign', ['standard', 'accounting'], 'standard', C);
  const unit = getOption(o, 'unit', undefined, undefined, C);
  if (style === 'currency' && currency === undefined) throw new TypeError('Currency code is required with currency style.');
  if (style === 'unit' && unit === undefined) throw new TypeError('Unit is required with unit style.');
  const unitDisplay = getOption(o, 'unitDisplay', ['short', 'narrow', 'long'], 'short', C);
  const notation = getOption(o, 'notation', ['standard', 'scientific', 'engineering', 'compact'], 'standard', C);

  // SetNumberFormatDigitOptions.
  const cDigits = style === 'currency' ? native.intlCurrencyDigits(currency) : 0;
  const mnfdDefault = style === 'currency' ? cDigits : 0;
  const mxfdDefault = style === 'currency' ? cDigits : style === 'percent' ? 0 : 3;
  const minimumIntegerDigits = defaultNumberOption(o.minimumIntegerDigits, 1, 21, 1, 'minimumIntegerDigits');
  let mnfd = o.minimumFractionDigits;
  let mxfd = o.maximumFractionDigits;
  let mnsd = o.minimumSignificantDigits;
  let mxsd = o.maximumSignificantDigits;
  const roundingPriority = getOption(o, 'roundingPriority', ['auto', 'morePrecision', 'lessPrecision'], 'auto', C);
  const hasSd = mnsd !== undefined || mxsd !== undefined;
  const hasFd = mnfd !== undefined || mxfd !== undefined;
  const needSd = roundingPriority !== 'auto' || hasSd;
  const needFd = roundingPriority !== 'auto' || !hasSd;
  const r = { locale, numberingSystem: 'latn', style };
  if (style === 'currency') Object.assign(r, { currency, currencyDisplay, currencySign });
  if (style === 'unit') Object.assign(r, { unit, unitDisplay });
  r.minimumIntegerDigits = minimumIntegerDigits;
  if (needFd) {
    if (hasFd) {
      mnfd = defaultNumberOption(mnfd, 0, 100, undefined, 'minimumFractionDigits');
      mxfd = defaultNumberOption(mxfd, 0, 100, undefined, 'maximumFractionDigits');
      if (mnfd === undefined) mnfd = Math.min(mnfdDefault, mxfd);
      else if (mxfd === undefined) mxfd = Math.max(mxfdDefault, mnfd);
      else if (mnfd > mxfd) throw new RangeError('maximumFractionDigits value is out of range.');
    } else {
      mnfd = mnfdDefault;
      mxfd = mxfdDefault;
    }
    r.minimumFractionDigits = mnfd;
    r.maximumFractionDigits = mxfd;
  }
  if (needSd) {
    mnsd = defaultNumberOption(mnsd, 1, 21, 1, 'minimumSignificantDigits');
    mxsd = defaultNumberOption(mxsd, mnsd, 21, 21, 'maximumSignificantDigits');
    r.minimumSignificantDigits = mnsd;
    r.maximumSignificantDigits = mxsd;
  }
  let useGrouping = o.useGrouping;
  const groupingDefault = notation === 'compact' ? 'min2' : 'auto';
  if (useGrouping === undefined) useGrouping = groupingDefault;
  else if (useGrouping === true) useGrouping = 'always';
  else if (!useGrouping) useGrouping = false;
  else {
    useGrouping = String(useGrouping);
    if (useGrouping === 'true' || useGrouping === 'false') useGrouping = groupingDefault;
    else if (!['min2', 'auto', 'always'].includes(useGrouping)) {
      throw new RangeError(`Value ${useGrouping} out of range for Intl.NumberFormat options property useGrouping`);
    }
  }
  r.useGrouping = useGrouping;
  r.notation = notation;
  if (notation === 'compact') r.compactDisplay = getOption(o, 'compactDisplay', ['short', 'long'], 'short', C);
  r.signDisplay = getOption(o, 'signDisplay', ['auto', 'never', 'always', 'exceptZero', 'negative'], 'auto', C);
  r.roundingMode = 'halfExpand';
  r.roundingIncrement = 1;
  r.trailingZeroDisplay = 'auto';
  r.roundingPriority = roundingPriority;

  const native_ = native.intlNumberFormatter(locale, {
    style,
    currency,
    currencyDisplay,
    minimumIntegerDigits,
    minimumFractionDigits: mnfd,
    maximumFractionDigits: mxfd,
    // roundingPriority "auto" with significant digits ignores the
    // fraction digits; the other priorities are approximated by them.
    minimumSignificantDigits: hasSd && roundingPriority === 'auto' ? mnsd : undefined,
    maximumSignificantDigits: hasSd && roundingPriority === 'auto' ? mxsd : undefined,
    useGrouping: String(useGrouping),
    signDisplay: r.signDisplay,
  });
  slots.set(this, { ctor: C, resolved: r, native: native_ });
}

Object.defineProperty(NumberFormat, 'length', { value: 0 });
boundFormat(NumberFormat.prototype, 'NumberFormat', (self, s, x) => s.native.format(mathValue(x)));
define(NumberFormat.prototype, 'formatToParts', function formatToParts(x) {
  return slot(this, 'NumberFormat', 'formatToParts').native.parts(mathValue(x));
});
define(NumberFormat.prototype, 'resolvedOptions', function resolvedOptions() {
  return { ...slot(this, 'NumberFormat', 'resolvedOptions').resolved };
});
Object.defineProperty(NumberFormat.prototype, Symbol.toStringTag, { value: 'Intl.NumberFormat', configurable: true });
define(NumberFormat, 'supportedLocalesOf', supportedLocalesOf('number'));

// ---- DateTimeFormat ----

const dateFields = ['weekday', 'year', 'month', 'day'];
const timeFields = ['dayPeriod', 'hour', 'minute', 'second', 'fractionalSecondDigits'];

// ToDateTimeOptions: what toLocaleDateString, toLocaleTimeString and
// toLocaleString (and the constructor, "any"/"date") add when none of the
// required components is given.
function createDateTimeFormat(self, locales, options, required, defaults) {
  const C = 'DateTimeFormat';
  const locale = native.intlResolve('date', localeList(locales));
  const o = toOptions(options);
  getOption(o, 'localeMatcher', ['lookup', 'best fit'], 'best fit', C);
  getOption(o, 'calendar', undefined, undefined, C);
  getOption(o, 'numberingSystem', undefined, undefined, C);
  const hour12 = o.hour12 === undefined ? undefined : Boolean(o.hour12);
  let hourCycle = getOption(o, 'hourCycle', ['h11', 'h12', 'h23', 'h24'], undefined, C);
  if (hour12 !== undefined) hourCycle = undefined;
  const timeZone = native.intlTimeZone(o.timeZone === undefined ? undefined : String(o.timeZone));
  const opts = { timeZone: o.timeZone === undefined ? undefined : timeZone };
  const bag = {};
  const values = {
    weekday: ['narrow', 'short', 'long'],
    era: ['narrow', 'short', 'long'],
    year: ['2-digit', 'numeric'],
    month: ['2-digit', 'numeric', 'narrow', 'short', 'long'],
    day: ['2-digit', 'numeric'],
    dayPeriod: ['narrow', 'short', 'long'],
    hour: ['2-digit', 'numeric'],
    minute: ['2-digit', 'numeric'],
    second: ['2-digit', 'numeric'],
  };
  for (const [k, v] of Object.entries(values)) {
    bag[k] = getOption(o, k, v, undefined, C);
    if (k === 'second') {
      bag.fractionalSecondDigits = defaultNumberOption(o.fractionalSecondDigits, 1, 3, undefined, 'fractionalSecondDigits');
    }
  }
  bag.timeZoneName = getOption(o, 'timeZoneName', ['short', 'long', 'shortOffset', 'longOffset', 'shortGeneric', 'longGeneric'], undefined, C);
  getOption(o, 'formatMatcher', ['basic', 'best fit'], 'best fit', C);
  const dateStyle = getOption(o, 'dateStyle', ['full', 'long', 'medium', 'short'], undefined, C);
  const timeStyle = getOption(o, 'timeStyle', ['full', 'long', 'medium', 'short'], undefined, C);
  if (dateStyle !== undefined || timeStyle !== undefined) {
    for (const k of Object.keys(bag)) {
      if (bag[k] !== undefined) throw new TypeError(`Can't set option ${k} when ${dateStyle !== undefined ? 'dateStyle' : 'timeStyle'} is used`);
    }
    if (required === 'date' && timeStyle !== undefined) throw new TypeError('Invalid option : timeStyle');
    if (required === 'time' && dateStyle !== undefined) throw new TypeError('Invalid option : dateStyle');
  } else {
    let needDefaults = true;
    if (required === 'date' || required === 'any') {
      for (const k of dateFields) if (bag[k] !== undefined) needDefaults = false;
    }
    if (required === 'time' || required === 'any') {
      for (const k of timeFields) if (bag[k] !== undefined) needDefaults = false;
    }
    if (needDefaults && (defaults === 'date' || defaults === 'all')) {
      bag.year = 'numeric';
      bag.month = 'numeric';
      bag.day = 'numeric';
    }
    if (needDefaults && (defaults === 'time' || defaults === 'all')) {
      bag.hour = 'numeric';
      bag.minute = 'numeric';
      bag.second = 'numeric';
    }
  }
  const n = native.intlDateFormatter(locale, {
    ...opts,
    ...bag,
    hour12: hour12 === undefined ? undefined : String(hour12),
    hourCycle,
    dateStyle,
    timeStyle,
  });
  const r = { locale, calendar: 'gregory', numberingSystem: 'latn', timeZone: n.resolved.timeZone };
  const hasHour = bag.hour !== undefined || timeStyle !== undefined;
  if (hasHour) {
    r.hourCycle = n.resolved.hourCycle;
    r.hour12 = r.hourCycle === 'h11' || r.hourCycle === 'h12';
  }
  if (dateStyle === undefined && timeStyle === undefined) {
    for (const k of ['weekday', 'era', 'year', 'month', 'day', 'dayPeriod', 'hour', 'minute', 'second', 'fractionalSecondDigits', 'timeZoneName']) {
      const v = n.resolved[k] ?? bag[k];
      if (v !== undefined && (k !== 'era' && k !== 'dayPeriod')) r[k] = v;
    }
  } else {
    if (dateStyle !== undefined) r.dateStyle = dateStyle;
    if (timeStyle !== undefined) r.timeStyle = timeStyle;
  }
  slots.set(self, { ctor: C, resolved: r, native: n });
}

function timeValue(date) {
  const x = date === undefined ? Date.now() : Number(date);
  if (!Number.isFinite(x) || Math.abs(x) > 8.64e15) throw new RangeError('Invalid time value');
  return x;
}

function DateTimeFormat(locales, options) {
  if (new.target === undefined) return new DateTimeFormat(locales, options);
  createDateTimeFormat(this, locales, options, 'any', 'date');
}

Object.defineProperty(DateTimeFormat, 'length', { value: 0 });
boundFormat(DateTimeFormat.prototype, 'DateTimeFormat', (self, s, d) => s.native.format(timeValue(d)));
define(DateTimeFormat.prototype, 'formatToParts', function formatToParts(d) {
  return slot(this, 'DateTimeFormat', 'formatToParts').native.parts(timeValue(d));
});
define(DateTimeFormat.prototype, 'resolvedOptions', function resolvedOptions() {
  return { ...slot(this, 'DateTimeFormat', 'resolvedOptions').resolved };
});
Object.defineProperty(DateTimeFormat.prototype, Symbol.toStringTag, { value: 'Intl.DateTimeFormat', configurable: true });
define(DateTimeFormat, 'supportedLocalesOf', supportedLocalesOf('date'));

// ---- the builtins ----

// patchMethod replaces a builtin method keeping its name and length.
function patchMethod(proto, name, length, fn) {
  Object.defineProperty(fn, 'name', { value: name });
  Object.defineProperty(fn, 'length', { value: length });
  define(proto, name, fn);
}

// A loop of amount.toLocaleString('ru-RU') builds one formatter per
// locale, not one per call.
const cache = new Map();
function cached(key, make) {
  let f = cache.get(key);
  if (f === undefined) {
    if (cache.size > 64) cache.clear();
    f = make();
    cache.set(key, f);
  }
  return f;
}

function installBuiltins() {
  const numberValue = Number.prototype.valueOf;
  patchMethod(Number.prototype, 'toLocaleString', 0, function toLocaleString(locales, options) {
    let x;
    try {
      x = numberValue.call(this);
    } catch {
      throw new TypeError("Number.prototype.toLocaleString requires that 'this' be a Number");
    }
    if (options === undefined && (locales === undefined || typeof locales === 'string')) {
      return cached(`n:${locales}`, () => new NumberFormat(locales)).format(x);
    }
    return new NumberFormat(locales, options).format(x);
  });
  const dateValue = Date.prototype.getTime;
  const methods = [
    ['toLocaleString', 'any', 'all'],
    ['toLocaleDateString', 'date', 'date'],
    ['toLocaleTimeString', 'time', 'time'],
  ];
  for (const [name, required, defaults] of methods) {
    patchMethod(Date.prototype, name, 0, function (locales, options) {
      const t = dateValue.call(this);
      if (Number.isNaN(t)) return 'Invalid Date';
      let f;
      if (options === undefined && (locales === undefined || typeof locales === 'string')) {
        f = cached(`${name}:${locales}`, () => {
          const dtf = Object.create(DateTimeFormat.prototype);
          createDateTimeFormat(dtf, locales, undefined, required, defaults);
          return dtf;
        });
      } else {
        f = Object.create(DateTimeFormat.prototype);
        createDateTimeFormat(f, locales, options, required, defaults);
      }
      return f.format(t);
    });
  }
}

export function installIntl(g) {
  const Intl = {};
  define(Intl, 'NumberFormat', NumberFormat);
  define(Intl, 'DateTimeFormat', DateTimeFormat);
  define(Intl, 'getCanonicalLocales', function getCanonicalLocales(locales) {
    return native.intlLocales(localeList(locales));
  });
  Object.defineProperty(Intl, Symbol.toStringTag, { value: 'Intl', configurable: true });
  define(g, 'Intl', Intl);
  installBuiltins();
}

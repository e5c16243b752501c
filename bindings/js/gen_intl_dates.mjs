// gen_intl_dates.mjs writes intl_date_data.go: the date and time patterns,
// month and weekday names of the locales b24run's Intl.DateTimeFormat knows,
// read from Node's own Intl (ICU's CLDR data), so that scripts print what
// Node prints. golang.org/x/text has no date formats. Run it with
// `go generate ./bindings/js/` (needs node on PATH) and commit the result.
//
// A pattern is literal text with fields in braces: {y} {yy} {M} {MM} {d}
// {dd} {h} {hh} {H} {HH} {m} {mm} {s} {ss} {a} (day period) {z} (short zone
// name) {zz} (long zone name), {L<n>} (text list n indexed by month 0-11)
// and {E<n>} (text list n indexed by weekday, 0 = Sunday).

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const locales = ['en', 'en-GB', 'ru', 'de', 'fr', 'uk', 'kk', 'be', 'es', 'pl', 'it', 'pt', 'tr', 'zh', 'ja', 'vi', 'id', 'uz'];

const utc = (y, mo, d, h = 0, mi = 0, s = 0) => new Date(Date.UTC(y, mo, d, h, mi, s));
const probe = utc(2026, 0, 2, 3, 4, 5); // Friday, all fields single-digit
const tz = { timeZone: 'UTC' };

function pattern(loc, opts, lists, date = probe) {
  const parts = new Intl.DateTimeFormat(loc, { ...tz, ...opts }).formatToParts(date);
  let out = '';
  for (const p of parts) {
    switch (p.type) {
      case 'literal':
        if (/[{}]/.test(p.value)) throw new Error(`brace in literal ${loc}`);
        out += p.value;
        break;
      case 'year':
        out += p.value.length === 2 ? '{yy}' : '{y}';
        break;
      case 'month':
        if (/^\d+$/.test(p.value)) out += p.value.length === 2 ? '{MM}' : '{M}';
        else out += `{L${list(lists, loc, opts, 'month')}}`;
        break;
      case 'day':
        out += p.value.length === 2 ? '{dd}' : '{d}';
        break;
      case 'weekday':
        out += `{E${list(lists, loc, opts, 'weekday')}}`;
        break;
      case 'hour': {
        const h = new Intl.DateTimeFormat(loc, { ...tz, ...opts }).formatToParts(utc(2026, 0, 2, 15, 4, 5)).find((q) => q.type === 'hour').value;
        const letter = Number(h) > 12 ? 'H' : 'h';
        out += p.value.length === 2 ? `{${letter}${letter}}` : `{${letter}}`;
        break;
      }
      case 'minute':
        out += p.value.length === 2 ? '{mm}' : '{m}';
        break;
      case 'second':
        out += p.value.length === 2 ? '{ss}' : '{s}';
        break;
      case 'dayPeriod':
        out += '{a}';
        break;
      case 'timeZoneName':
        out += opts.timeZoneName === 'long' || opts.timeStyle === 'full' ? '{zz}' : '{z}';
        break;
      default:
        throw new Error(`unexpected part ${p.type} for ${loc} ${JSON.stringify(opts)}`);
    }
  }
  return out;
}

// list returns the index of the month or weekday names that opts print,
// adding them to lists.
function list(lists, loc, opts, field) {
  const f = new Intl.DateTimeFormat(loc, { ...tz, ...opts });
  const names = [];
  const n = field === 'month' ? 12 : 7;
  for (let i = 0; i < n; i++) {
    const d = field === 'month' ? utc(2026, i, 15, 3, 4, 5) : utc(2026, 0, 4 + i, 3, 4, 5);
    names.push(f.formatToParts(d).find((q) => q.type === field).value);
  }
  const key = JSON.stringify(names);
  let i = lists.findIndex((l) => JSON.stringify(l) === key);
  if (i < 0) {
    lists.push(names);
    i = lists.length - 1;
  }
  return i;
}

function cycle(loc, opts) {
  const f = (h) => new Intl.DateTimeFormat(loc, { ...tz, hour: 'numeric', ...opts }).formatToParts(utc(2026, 0, 2, h)).find((q) => q.type === 'hour').value;
  const midnight = Number(f(0));
  const afternoon = Number(f(15));
  if (midnight === 24) return 'h24';
  if (midnight === 12) return 'h12';
  return afternoon === 3 ? 'h11' : 'h23';
}

// glue finds how date and time join in the combined pattern: "{1}, {0}"
// (date first), "{0} {1}", "lúc {0} {1}"; null when they interleave. The
// literals that the date or the time pattern has of its own (ru "2026 г.")
// stay theirs.
function glue(loc, dateOpts, timeOpts) {
  const fmt = (o) => new Intl.DateTimeFormat(loc, { ...tz, ...o }).formatToParts(probe);
  const isDate = (t) => ['weekday', 'era', 'year', 'month', 'day'].includes(t);
  const isTime = (t) => ['hour', 'minute', 'second', 'dayPeriod', 'timeZoneName', 'fractionalSecond'].includes(t);
  const text = (parts, a, b) => parts.slice(a, b).map((p) => p.value).join('');
  const range = (parts, f) => [parts.findIndex((p) => f(p.type)), parts.findLastIndex((p) => f(p.type))];
  const edges = (parts, f) => {
    const [a, b] = range(parts, f);
    return [text(parts, 0, a), text(parts, b + 1, parts.length)];
  };
  const [dLead, dTrail] = edges(fmt(dateOpts), isDate);
  const [tLead, tTrail] = edges(fmt(timeOpts), isTime);
  const parts = fmt({ ...dateOpts, ...timeOpts });
  const [ds, de] = range(parts, isDate);
  const [ts, te] = range(parts, isTime);
  if (ds < 0 || ts < 0 || !(de < ts || te < ds)) return null;
  if (/[{}]/.test(text(parts, 0, parts.length))) throw new Error(`brace in ${loc}`);
  const cut = (s, lead, trail) => {
    if (lead && s.startsWith(lead)) s = s.slice(lead.length);
    if (trail && s.endsWith(trail)) s = s.slice(0, s.length - trail.length);
    return s;
  };
  if (de < ts) {
    return `${cut(text(parts, 0, ds), '', dLead)}{1}${cut(text(parts, de + 1, ts), dTrail, tLead)}{0}${cut(text(parts, te + 1, parts.length), tTrail, '')}`;
  }
  return `${cut(text(parts, 0, ts), '', tLead)}{0}${cut(text(parts, te + 1, ds), tTrail, dLead)}{1}${cut(text(parts, de + 1, parts.length), dTrail, '')}`;
}

const dateKeys = [];
for (const w of ['', 'E', 'EEEE']) {
  for (const y of ['', 'y']) {
    for (const m of ['', 'M', 'MMM', 'MMMM']) {
      for (const d of ['', 'd']) {
        if (w + y + m + d !== '') dateKeys.push([w, y, m, d]);
      }
    }
  }
}
const dateOptions = ([w, y, m, d]) => {
  const o = {};
  if (w) o.weekday = w === 'E' ? 'short' : 'long';
  if (y) o.year = 'numeric';
  if (m) o.month = { M: 'numeric', MMM: 'short', MMMM: 'long' }[m];
  if (d) o.day = 'numeric';
  return o;
};
// Time skeletons: h|hh, m|mm, s|ss (numeric or 2-digit), as ICU matches
// them width and all.
const timeKeys = {};
const width = { 1: 'numeric', 2: '2-digit' };
for (const h of ['', 'h', 'hh']) {
  for (const m of ['', 'm', 'mm']) {
    for (const s of ['', 's', 'ss']) {
      if (h + m + s === '' || (h && s && !m)) continue;
      const o = {};
      if (h) o.hour = width[h.length];
      if (m) o.minute = width[m.length];
      if (s) o.second = width[s.length];
      timeKeys[h + m + s] = o;
    }
  }
}
const styles = ['full', 'long', 'medium', 'short'];
// The time patterns differ by how the hour cycle was asked for.
const families = { default: {}, h12: { hourCycle: 'h12' }, h23: { hourCycle: 'h23' }, true: { hour12: true }, false: { hour12: false } };

const data = {};
for (const loc of locales) {
  const lists = [];
  const e = { date: {}, glue: {}, time: {}, timeStyle: {}, dateStyle: [], styleGlue: [] };
  for (const k of dateKeys) {
    e.date[k.join('')] = pattern(loc, dateOptions(k), lists);
    const g = glue(loc, dateOptions(k), { hour: 'numeric', minute: 'numeric', second: 'numeric' });
    if (g !== null) e.glue[k.join('')] = g;
  }
  for (const [family, fo] of Object.entries(families)) {
    e.time[family] = {};
    for (const [k, o] of Object.entries(timeKeys)) {
      e.time[family][k] = pattern(loc, { ...o, ...fo }, lists);
      if (k.startsWith('h') && k.includes('m')) e.time[family][k + 'z'] = pattern(loc, { ...o, ...fo, timeZoneName: 'short' }, lists);
    }
    e.timeStyle[family] = styles.map((st) => pattern(loc, { timeStyle: st, ...fo }, lists));
  }
  for (const st of styles) {
    e.dateStyle.push(pattern(loc, { dateStyle: st }, lists));
    e.styleGlue.push(styles.map((t) => {
      const g = glue(loc, { dateStyle: st }, { timeStyle: t });
      if (g === null) throw new Error(`cannot split ${loc} ${st} ${t}`);
      return g;
    }));
  }
  const hm = (h) => new Intl.DateTimeFormat(loc, { ...tz, hour: 'numeric', hourCycle: 'h12' }).formatToParts(utc(2026, 0, 2, h)).find((q) => q.type === 'dayPeriod').value;
  e.am = hm(3);
  e.pm = hm(15);
  e.cycle = cycle(loc, {});
  e.cycleTrue = cycle(loc, { hour12: true });
  e.cycleFalse = cycle(loc, { hour12: false });
  const zone = (timeZone, timeZoneName) => new Intl.DateTimeFormat(loc, { timeZone, hour: 'numeric', timeZoneName }).formatToParts(probe).find((q) => q.type === 'timeZoneName').value;
  e.utcShort = zone('UTC', 'short');
  e.utcLong = zone('UTC', 'long');
  const gmt = zone('Asia/Kolkata', 'short');
  const m = /^(.*?)\+5(.)30(.*)$/.exec(gmt);
  if (m === null) throw new Error(`gmt format of ${loc}: ${gmt}`);
  e.gmtFormat = `${m[1]}{0}${m[3]}`;
  e.gmtSep = m[2];
  e.lists = lists;
  data[loc] = e;
}

// Go string literals, with the invisible spaces and marks escaped.
const q = (s) => JSON.stringify(s).replace(/[\u00a0\u2000-\u206f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
let go = `// Code generated by gen_intl_dates.mjs from Node ${process.version} (ICU ${process.versions.icu}, CLDR ${process.versions.cldr}); DO NOT EDIT.

package js

var dateLocales = map[string]*dateLocale{
`;
for (const [loc, e] of Object.entries(data)) {
  go += `\t${q(loc)}: {\n`;
  go += `\t\tdate: map[string]string{\n${Object.entries(e.date).map(([k, v]) => `\t\t\t${q(k)}: ${q(v)},\n`).join('')}\t\t},\n`;
  go += `\t\tglue: map[string]string{\n${Object.entries(e.glue).map(([k, v]) => `\t\t\t${q(k)}: ${q(v)},\n`).join('')}\t\t},\n`;
  go += `\t\ttime: map[string]map[string]string{\n`;
  for (const [fam, m] of Object.entries(e.time)) {
    go += `\t\t\t${q(fam)}: {\n${Object.entries(m).map(([k, v]) => `\t\t\t\t${q(k)}: ${q(v)},\n`).join('')}\t\t\t},\n`;
  }
  go += '\t\t},\n';
  go += `\t\ttimeStyle: map[string][4]string{\n${Object.entries(e.timeStyle).map(([k, v]) => `\t\t\t${q(k)}: {${v.map(q).join(', ')}},\n`).join('')}\t\t},\n`;
  go += `\t\tdateStyle: [4]string{${e.dateStyle.map(q).join(', ')}},\n`;
  go += `\t\tstyleGlue: [4][4]string{\n${e.styleGlue.map((r) => `\t\t\t{${r.map(q).join(', ')}},\n`).join('')}\t\t},\n`;
  for (const f of ['am', 'pm', 'cycle', 'cycleTrue', 'cycleFalse', 'utcShort', 'utcLong', 'gmtFormat', 'gmtSep']) go += `\t\t${f}: ${q(e[f])},\n`;
  go += `\t\tlists: [][]string{\n${e.lists.map((l) => `\t\t\t{${l.map(q).join(', ')}},\n`).join('')}\t\t},\n`;
  go += '\t},\n';
}
go += '}\n';
const out = fileURLToPath(new URL('./intl_date_data.go', import.meta.url));
writeFileSync(out, go);
execFileSync('gofmt', ['-w', out]);

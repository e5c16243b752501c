// Intl.DateTimeFormat and Date.prototype.toLocale*String in the locales of
// Bitrix24's markets. The golden file is Node's own output. Dates built from
// local fields print the same in any time zone; Date.UTC ones are formatted
// with timeZone: 'UTC' or a named zone.
const locales = [undefined, 'en-US', 'en-GB', 'ru-RU', 'de-DE', 'fr-FR', 'uk-UA', 'kk-KZ'];
const local = [new Date(2026, 0, 2, 3, 4, 5), new Date(2026, 10, 23, 15, 6, 7), new Date(1999, 11, 31, 0, 0, 0)];
const utc = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678));
const show = (label, value) => console.log(label, JSON.stringify(value));
const UTC = { timeZone: 'UTC' };

for (const l of locales) {
  show(`${l} date`, local.map((d) => d.toLocaleDateString(l)));
  show(`${l} time`, local.map((d) => d.toLocaleTimeString(l)));
  show(`${l} both`, local.map((d) => d.toLocaleString(l)));
  show(`${l} format`, local.map((d) => new Intl.DateTimeFormat(l).format(d)));
  for (const dateStyle of ['full', 'long', 'medium', 'short']) {
    show(`${l} dateStyle ${dateStyle}`, utc.toLocaleDateString(l, { ...UTC, dateStyle }));
  }
  for (const timeStyle of ['long', 'medium', 'short']) {
    show(`${l} timeStyle ${timeStyle}`, utc.toLocaleTimeString(l, { ...UTC, timeStyle }));
  }
  show(`${l} long + short`, utc.toLocaleString(l, { ...UTC, dateStyle: 'long', timeStyle: 'short' }));
  show(`${l} day month year`, local.map((d) => d.toLocaleDateString(l, { day: 'numeric', month: 'long', year: 'numeric' })));
  show(`${l} short month`, local.map((d) => d.toLocaleDateString(l, { day: 'numeric', month: 'short', year: 'numeric' })));
  show(`${l} 2-digit`, local.map((d) => d.toLocaleDateString(l, { day: '2-digit', month: '2-digit', year: 'numeric' })));
  show(`${l} 2-digit year`, local.map((d) => d.toLocaleDateString(l, { day: '2-digit', month: '2-digit', year: '2-digit' })));
  show(`${l} month year`, local.map((d) => d.toLocaleDateString(l, { month: 'long', year: 'numeric' })));
  show(`${l} month`, local.map((d) => d.toLocaleDateString(l, { month: 'long' })));
  show(`${l} weekday`, local.map((d) => d.toLocaleDateString(l, { weekday: 'long' })));
  show(`${l} weekday date`, local.map((d) => d.toLocaleDateString(l, { weekday: 'short', day: 'numeric', month: 'short' })));
  show(`${l} hh:mm`, local.map((d) => d.toLocaleTimeString(l, { hour: '2-digit', minute: '2-digit' })));
  show(`${l} 24h`, local.map((d) => d.toLocaleTimeString(l, { hour: 'numeric', minute: '2-digit', hour12: false })));
  show(`${l} 12h`, local.map((d) => d.toLocaleTimeString(l, { hour: 'numeric', minute: '2-digit', hour12: true })));
  show(`${l} h23`, local.map((d) => d.toLocaleString(l, { hourCycle: 'h23' })));
  show(`${l} date and time`, local.map((d) => d.toLocaleString(l, { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' })));
  show(`${l} milliseconds`, utc.toLocaleTimeString(l, { ...UTC, hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3 }));
  show(`${l} zone name`, utc.toLocaleTimeString(l, { ...UTC, hour: 'numeric', minute: 'numeric', timeZoneName: 'short' }));
  show(`${l} Moscow`, utc.toLocaleString(l, { timeZone: 'Europe/Moscow' }));
  show(`${l} Almaty`, utc.toLocaleString(l, { timeZone: 'Asia/Almaty', dateStyle: 'short', timeStyle: 'short' }));
  show(`${l} parts`, new Intl.DateTimeFormat(l, { ...UTC, dateStyle: 'medium', timeStyle: 'short' }).formatToParts(utc));
  show(`${l} resolved`, new Intl.DateTimeFormat(l, UTC).resolvedOptions());
}

show('zone names', ['europe/moscow', 'Etc/UTC', 'Asia/Almaty'].map((timeZone) => new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone));
show('invalid date', new Date(NaN).toLocaleString('ru-RU'));
show('map', local.map(new Intl.DateTimeFormat('de-DE').format));
show('toStringTag', Object.prototype.toString.call(new Intl.DateTimeFormat()));
for (const f of [
  () => new Intl.DateTimeFormat('en-US', { timeZone: 'Mars/Olympus' }),
  () => new Intl.DateTimeFormat('en-US', { dateStyle: 'short', hour: 'numeric' }),
  () => new Intl.DateTimeFormat('en-US', { month: 'longest' }),
  () => utc.toLocaleDateString('en-US', { timeStyle: 'short' }),
  () => new Intl.DateTimeFormat('en-US').format(NaN),
]) {
  try {
    f();
    console.log('no error');
  } catch (e) {
    console.log(`${e.name}: ${e.message}`);
  }
}

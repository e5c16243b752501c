// Intl.NumberFormat and Number.prototype.toLocaleString in the locales of
// Bitrix24's markets. The golden file is Node's own output.
const locales = [undefined, 'en-US', 'en-GB', 'ru-RU', 'de-DE', 'fr-FR', 'uk-UA', 'kk-KZ'];
const numbers = [0, -0, 1, -1, 0.5, 1234.5, -1234567.891, 1e21, 1.005, 2.5, -2.5, NaN, Infinity, -Infinity];
const show = (label, value) => console.log(label, JSON.stringify(value));

for (const l of locales) {
  show(`${l} toLocaleString`, numbers.map((n) => n.toLocaleString(l)));
  show(`${l} 2 digits`, numbers.map((n) => n.toLocaleString(l, { minimumFractionDigits: 2, maximumFractionDigits: 2 })));
  show(`${l} no fraction`, numbers.map((n) => n.toLocaleString(l, { maximumFractionDigits: 0 })));
  show(`${l} no grouping`, numbers.map((n) => n.toLocaleString(l, { useGrouping: false })));
  show(`${l} 3 significant`, numbers.map((n) => n.toLocaleString(l, { maximumSignificantDigits: 3 })));
  show(`${l} percent`, [0, 0.5, -0.125, 1.2345].map((n) => new Intl.NumberFormat(l, { style: 'percent' }).format(n)));
  show(`${l} percent 1 digit`, [0.5, -0.125, 1.2345].map((n) => new Intl.NumberFormat(l, { style: 'percent', maximumFractionDigits: 1 }).format(n)));
  for (const currency of ['USD', 'EUR', 'RUB', 'KZT', 'UAH', 'JPY']) {
    const nf = new Intl.NumberFormat(l, { style: 'currency', currency });
    show(`${l} ${currency}`, [0, 1234.5, -1234567.891, 0.005].map(nf.format));
  }
  show(`${l} code`, new Intl.NumberFormat(l, { style: 'currency', currency: 'USD', currencyDisplay: 'code' }).format(-1234.5));
  show(`${l} narrow`, new Intl.NumberFormat(l, { style: 'currency', currency: 'RUB', currencyDisplay: 'narrowSymbol' }).format(1234.5));
  show(`${l} whole rubles`, new Intl.NumberFormat(l, { style: 'currency', currency: 'RUB', maximumFractionDigits: 0 }).format(1234.5));
  show(`${l} parts`, new Intl.NumberFormat(l, { style: 'currency', currency: 'EUR' }).formatToParts(-1234.5));
  show(`${l} resolved`, new Intl.NumberFormat(l, { style: 'currency', currency: 'kzt' }).resolvedOptions());
}

show('signDisplay', [-1, 0, 1].map((n) => n.toLocaleString('ru-RU', { signDisplay: 'always' })));
show('exceptZero', [-1, 0, 1].map((n) => n.toLocaleString('en-US', { signDisplay: 'exceptZero' })));
show('minimumIntegerDigits', (7).toLocaleString('de-DE', { minimumIntegerDigits: 3 }));
show('strings and bigints', [new Intl.NumberFormat('ru-RU').format('12345678901234567890.125'), new Intl.NumberFormat('en-US').format(12345678901234567890n)]);
show('called without new', Intl.NumberFormat('de-DE').format(1e6));
show('unknown locale', new Intl.NumberFormat('xx-YY').resolvedOptions().locale);
show('fallback list', new Intl.NumberFormat(['zz', 'kk-KZ']).resolvedOptions().locale);
show('canonical', Intl.getCanonicalLocales(['RU-ru', 'en-us']));
show('supported', Intl.NumberFormat.supportedLocalesOf(['ru', 'zz', 'de-DE']));
show('toStringTag', Object.prototype.toString.call(new Intl.NumberFormat()));

for (const f of [
  () => new Intl.NumberFormat('en-US', { style: 'currency' }),
  () => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'US' }),
  () => new Intl.NumberFormat('en-US', { maximumFractionDigits: 101 }),
  () => new Intl.NumberFormat('en-US', { minimumFractionDigits: 3, maximumFractionDigits: 1 }),
  () => new Intl.NumberFormat('en-US', { style: 'money' }),
  () => new Intl.NumberFormat('en_US'),
  () => Number.prototype.toLocaleString.call('1'),
]) {
  try {
    f();
    console.log('no error');
  } catch (e) {
    console.log(`${e.name}: ${e.message}`);
  }
}

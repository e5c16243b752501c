// Package js runs b24run scripts written in JavaScript or TypeScript on
// goja, with a $b24 that behaves like the official Bitrix24 JS SDK
// (@bitrix24/b24jssdk 2.2.0) so that code copied from its documentation runs
// unchanged, backed by the hook core.
//
// # Compiling
//
// Every file goes through esbuild first (compile.go): TypeScript is
// stripped, `for await` and async generators (which goja cannot parse) are
// lowered, `import ... from '@bitrix24/b24jssdk'` resolves to the built-in
// module and any other import is a compile error naming it. The bundle runs
// inside an async function, so top-level await works, and carries an inline
// source map, so errors point at the user's file, line and column. The
// result is compiled once into a *goja.Program shared by every run.
//
// # Running
//
// Each run builds a fresh goja.Runtime (run.go), used by the calling
// goroutine only: the prelude (prelude/*.js, the SDK classes, console
// formatting and globals, compiled once) over a few Go functions (native.go,
// portal.go), then the script. Portal calls block the goroutine and hand back
// settled promises; throughput comes from the hook's limiter and its
// parallel batches and list walks. A small event loop (timers.go) gives
// setTimeout and friends, runs until the top level and every timer it
// started have settled, and fails the run on a rejection nobody handled, as
// Node does. The context interrupts the runtime and reaches every host call.
//
// # Values
//
// Answers reach scripts as native values built straight from the JSON bytes
// (jsonvalue.go), lexed by internal/jsonscan as the hook lexes them; rows
// of list walks as shaped rows (rows.go): objects that share their keys
// with the rest of the list, keep their JSON text and decode a value when
// the script first reads it, so that a listing costs a script little more
// than it costs the Go core.
//
// # Intl
//
// goja has no Intl, so the prelude (prelude/intl.js) adds the part of
// ECMA-402 that scripts use to show money and dates: Intl.NumberFormat,
// Intl.DateTimeFormat, Intl.getCanonicalLocales, and Number and Date's
// toLocaleString methods built on them, printing what Node 20 prints.
// Numbers (intl_number.go) round as ICU does and take their separators,
// percent signs and currency symbols from golang.org/x/text's CLDR tables,
// with a small table for what x/text lacks or has older (where the currency
// symbol goes, minimum grouping digits). Dates (intl_date.go) use patterns
// generated from Node's ICU data (gen_intl_dates.mjs) for en, en-GB, ru, de,
// fr, uk, kk, be, es, pl, it, pt, tr, zh, ja, vi, id and uz; other
// languages format numbers in their own CLDR style but dates as en-US. The
// default time zone is the runtime's (time.Local, UTC on servers, as for
// Date's local-time methods); the timeZone option takes IANA names (tzdata
// is compiled in). Left out: Collator, PluralRules, RelativeTimeFormat and
// the other constructors; notation other than standard, style "unit"
// (formatted as a plain number), currencyDisplay "name" (shown as the ISO
// code), currencySign "accounting", roundingMode and roundingIncrement;
// narrow month and weekday names (shown short), era and dayPeriod options;
// time zone names other than UTC and GMT offsets ("CET" and "Moscow
// Standard Time" print as "GMT+1", "GMT+3"); numbering systems other than
// the locale's default.
package js

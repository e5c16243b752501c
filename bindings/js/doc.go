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
package js

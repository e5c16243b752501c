// Package lua runs b24run scripts written in Lua 5.1 on gopher-lua. It gives
// them the same power as the JavaScript binding, in Lua idiom: calls return
// values and raise errors, lists are iterators, and JSON's null and empty
// containers have explicit values.
//
// # The API
//
// Globals besides the base, table, string and math libraries (see sandbox.go
// for what of them is removed or bounded):
//
//	b24.callMethod(method [, params [, start]]) -> payload
//	    One REST call. payload is {result = ..., total = n, next = n,
//	    time = {...}}; total and next only when the portal sent them.
//	    start is the offset of the page to read (params.start wins).
//	b24.callBatch(calls [, halt [, returnPayload]]) -> results, errors
//	    Up to 50 commands in one request. calls is a list, or a table of
//	    named commands, of {'method', params} or {method = ..., params =
//	    ...}. results and errors are keyed like calls (1..n, or the
//	    names); errors is nil when every command succeeded. halt defaults to
//	    true. With returnPayload, each result is the command's payload.
//	b24.callBatchByChunk(calls [, halt]) -> results, errors
//	    Any number of commands, 50 to a request, keyed by their position in
//	    calls (or their names).
//	b24.callListMethod(method [, params [, customKey [, progress]]]) -> rows
//	    Every row of a list method, at most Limits.MaxListRows. progress
//	    is called with percentages as the official SDK calls it; the two
//	    optional arguments may also come in the SDK's order.
//	b24.fetchListMethod(method [, params [, idKey [, customKey]]]) -> iterator
//	    for page in b24.fetchListMethod(...) do ... end: one page (at most
//	    50 rows) per step, constant memory, break is safe.
//	b24.getTargetOrigin() -> "https://company.bitrix24.com"
//	b24.null, b24.array(t), b24.object(t)
//	json.encode(value [, indent]), json.decode(text), json.null
//	log.debug/info/warn/error(message [, fields | key, value, ...])
//	print(...)
//	on(event, handler), schedule(spec, handler)
//	script.name, script.args, script.dryRun, script.env
//	os.time, os.date, os.difftime, os.clock
//
// A failed call raises an error table {code, description, message, status,
// method} whose tostring is "CODE: description" and whose getmetatable is
// the string "b24.Error", so pcall can catch it and branch on its code; an
// uncaught one ends the run with a *bindings.ScriptError at the script's
// file and line, unwrapping to the *hook.Error behind it.
//
// # Values
//
// JSON from the portal becomes Lua values without surprises: null is
// b24.null (never nil, so arrays keep their positions and objects their
// members), arrays and objects are tables marked as such (so an empty one
// encodes back as [] or {}), object members keep their order, and integers
// too large for a Lua number to hold exactly stay strings of their digits.
// Lua values sent to the portal follow the same rules in reverse; a table
// with keys 1..n is an array, b24.array{} and b24.object{} say what an empty
// table is, and integral numbers are written without a fraction.
//
// A table is a Lua sequence (# and ipairs see it) up to 1,048,575
// elements; larger integer keys are ordinary hash keys, so that one
// assignment such as t[60000000] = 1 cannot allocate gigabytes (see
// maxArrayIndex). callListMethod and json.decode never build a longer
// array.
//
// # Runs
//
// A Program holds one compiled function prototype; every run creates a new
// sandboxed state from it, used by one goroutine and closed afterwards. The
// run's context stops the VM between instructions (SetContext) and is passed
// to every portal call, so a timeout ends even a script blocked on the
// portal. gopher-lua's SetMx is never used: it exits the process.
package lua

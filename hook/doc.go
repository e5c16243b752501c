// Package hook is the native Bitrix24 inbound-webhook client that every b24run
// script runs on. It knows nothing of JavaScript or Lua: the script bindings
// are thin adapters over it.
//
// One Client serves one portal and is shared by every script and goroutine of
// the process, so that one rate limiter and one operating-time tracker see all
// the traffic the portal sees. A Client offers:
//
//   - Call: one REST method, POSTed as JSON, the name sent exactly as given;
//   - Batch: up to 50 commands in one request, encoded byte for byte as the
//     official JS SDK encodes them;
//   - BatchByChunk: any number of commands, 50 a request, chunks in parallel;
//   - List and Fetch: every row of a list method, walked with keyset paging
//     chained 50 pages to a batch, independent id ranges in parallel.
//
// Calls that the portal did not execute (503 QUERY_LIMIT_EXCEEDED, 429
// OPERATION_TIME_LIMIT, a connection that never carried the request) are always
// retried. Calls that may have run are retried only when replaying them is safe
// (reads); a write whose outcome is unknown fails with an error that says so.
//
// The webhook secret never leaves the Client: no error, log record or panic
// value it produces contains it.
package hook

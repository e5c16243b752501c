// Package sandbox is an in-memory Bitrix24 portal served over real HTTP(S).
//
// It exists for two audiences. Tests of every other b24run package start one with
// StartTest and talk to it over HTTP on 127.0.0.1, exactly as they would talk to a
// cloud portal through an inbound webhook. Users get the same portal from the
// `b24run sandbox` command, so scripts can be tried without touching real data.
//
// The portal mimics what a client can observe on the wire, following
// b24-rest-facts.md §11: webhook URLs and authentication, the v1 envelope with its
// `time` block (including the operating counters), PHP-bracket form decoding, PHP's
// JSON quirks (empty maps as [], maps keyed 0..n-1 as arrays), the leaky-bucket rate
// limit, the per-method operating-time budget, batch with $result references, list
// paging, legacy CRM methods with string values, crm.item.* with real numbers, tasks,
// notifications, a minimal REST v3, outgoing event webhooks, simulated server cost
// and injectable faults.
//
// Everything is deterministic where it can be: Seed produces the same records for
// the same sequence of calls, and random faults come from a seeded PRNG.
package sandbox

// Package engine is the host of b24run's scripts: it reads the
// configuration, builds the one portal client every script shares, compiles
// scripts with the language that claims their extension, runs them with a
// timeout and the environment the configuration grants, and records the
// writes of dry runs.
//
// The command-line tool (cmd/b24run) is a thin layer of flags over this
// package; the daemon (`serve`: hot reload, events, schedules) builds on the
// same Runner and Languages.
package engine

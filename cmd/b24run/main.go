// Command b24run runs automation scripts written in JavaScript, TypeScript or
// Lua against a Bitrix24 portal through an inbound webhook.
//
// The command itself is thin: it parses flags and hands the work to the engine.
package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
)

// version is the release version; builds from a checkout report "dev" plus the
// VCS revision recorded by the Go toolchain.
var version = "dev"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: b24run <command> [flags]\n\ncommands: version")
		return 2
	}
	switch args[0] {
	case "version":
		fmt.Fprintln(stdout, versionString())
		return 0
	default:
		fmt.Fprintf(stderr, "b24run: unknown command %q\n", args[0])
		return 2
	}
}

func versionString() string {
	v := "b24run " + version
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += " (" + s.Value[:12] + ")"
			}
		}
		v += " " + info.GoVersion
	}
	return v
}

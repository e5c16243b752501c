package main

import (
	"context"
	"fmt"

	"github.com/b24run/b24run/engine"
)

func checkCmd(_ context.Context, c *cli, args []string) int {
	fs := c.newFlagSet("check", "PATH...")
	var lf logFlags
	lf.register(fs)
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return exitUsage
	}
	if err := lf.setup(c); err != nil {
		return c.fail(exitUsage, err)
	}
	results := engine.DefaultLanguages().Check(fs.Args())
	failed := 0
	for _, r := range results {
		if r.Err != nil {
			failed++
			fmt.Fprintln(c.stderr, r.Err)
		}
	}
	switch {
	case len(results) == 0:
		fmt.Fprintln(c.stderr, "b24run: no scripts found")
		return exitFailed
	case failed > 0:
		fmt.Fprintf(c.stderr, "b24run: %d of %d scripts failed to compile\n", failed, len(results))
		return exitFailed
	}
	fmt.Fprintf(c.stderr, "b24run: %d scripts compile\n", len(results))
	return exitOK
}

package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/b24run/b24run/scripts"
)

func typesCmd(_ context.Context, c *cli, args []string) int {
	fs := c.newFlagSet("types", "[--out DIR]")
	var lf logFlags
	lf.register(fs)
	out := fs.String("out", ".", "folder to write b24run.d.ts and b24run.lua into")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if err := lf.setup(c); err != nil {
		return c.fail(exitUsage, err)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return c.fail(exitFailed, err)
	}
	for name, content := range scripts.Typings() {
		path := filepath.Join(*out, name)
		if err := os.WriteFile(path, content, 0o644); err != nil {
			return c.fail(exitFailed, err)
		}
		fmt.Fprintln(c.stdout, "wrote", path)
	}
	return exitOK
}

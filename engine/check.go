package engine

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// CheckResult is the outcome of compiling one script.
type CheckResult struct {
	File string
	Err  error // nil when the script compiles
}

// Check compiles every script named by paths (files, or folders walked for
// the extensions some language claims) and reports each outcome. A path
// that does not exist, or a file no language claims, is a failed result.
func (l *Languages) Check(paths []string) []CheckResult {
	var out []CheckResult
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			out = append(out, CheckResult{File: p, Err: fmt.Errorf("cannot read: %w", errors.Unwrap(err))})
			continue
		}
		if !info.IsDir() {
			out = append(out, l.checkFile(p, p))
			continue
		}
		_ = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				out = append(out, CheckResult{File: path, Err: err})
				return nil
			}
			name := d.Name()
			if d.IsDir() {
				if path != p && (strings.HasPrefix(name, ".") || name == "node_modules") {
					return filepath.SkipDir
				}
				return nil
			}
			if !strings.HasPrefix(name, ".") && l.Claims(path) {
				out = append(out, l.checkFile(path, path))
			}
			return nil
		})
	}
	return out
}

func (l *Languages) checkFile(path, name string) CheckResult {
	src, err := os.ReadFile(path)
	if err != nil {
		return CheckResult{File: name, Err: err}
	}
	_, err = l.Compile(name, src)
	return CheckResult{File: name, Err: err}
}

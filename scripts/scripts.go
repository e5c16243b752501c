// Package scripts holds what b24run ships for script authors: the editor
// typings that `b24run types` writes (TypeScript declarations and LuaLS
// annotations) and the example scripts, embedded in the binary.
package scripts

import (
	"embed"
	"io/fs"
	"path"
)

//go:embed types
var types embed.FS

// Typings returns the editor definition files by name: b24run.d.ts for
// TypeScript and JavaScript editors, b24run.lua for LuaLS.
func Typings() map[string][]byte {
	out := map[string][]byte{}
	entries, _ := fs.ReadDir(types, "types")
	for _, e := range entries {
		if b, err := types.ReadFile(path.Join("types", e.Name())); err == nil {
			out[e.Name()] = b
		}
	}
	return out
}

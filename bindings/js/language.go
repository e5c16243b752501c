package js

import (
	"sync"

	"github.com/dop251/goja"

	"github.com/b24run/b24run/bindings"
)

// Interface guards.
var (
	_ bindings.Language = (*language)(nil)
	_ bindings.Program  = (*program)(nil)
)

// New returns the JavaScript and TypeScript language: files ending in .js,
// .mjs, .ts or .mts compile through esbuild into goja programs that run
// against a b24jssdk-compatible $b24.
//
// The returned Language is safe for concurrent use. Its prelude (the SDK
// classes and globals written in JavaScript) is compiled once, on first use,
// and shared by every program it compiles.
func New() bindings.Language {
	return &language{}
}

// language implements bindings.Language.
type language struct {
	once       sync.Once
	prelude    *goja.Program
	preludeErr error
}

func (l *language) Name() string { return "javascript" }

func (l *language) Extensions() []string { return []string{".js", ".mjs", ".ts", ".mts"} }

// Compile transpiles src with esbuild and compiles it for goja. Syntax
// errors, type-syntax errors and imports of anything but the SDK come back
// as *bindings.CompileError at the user's file, line and column.
func (l *language) Compile(filename string, src []byte) (bindings.Program, error) {
	prelude, err := l.loadPrelude()
	if err != nil {
		return nil, err
	}
	t, err := transpile(filename, src, sdkExports)
	if err != nil {
		return nil, err
	}
	prog, err := compileProgram(filename, t)
	if err != nil {
		return nil, err
	}
	return &program{name: filename, prog: prog, prelude: prelude}, nil
}

// loadPrelude compiles the prelude the first time it is needed. A failure
// is a bug in b24run itself, reported by every Compile.
func (l *language) loadPrelude() (*goja.Program, error) {
	l.once.Do(func() { l.prelude, l.preludeErr = compilePrelude() })
	return l.prelude, l.preludeErr
}

package engine

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/b24run/b24run/bindings"
	"github.com/b24run/b24run/bindings/js"
	"github.com/b24run/b24run/bindings/lua"
)

// Languages maps file extensions to the language that compiles them.
type Languages struct {
	byExt map[string]bindings.Language
	exts  []string
}

// NewLanguages registers langs; a later language does not take an
// extension an earlier one claimed.
func NewLanguages(langs ...bindings.Language) *Languages {
	l := &Languages{byExt: map[string]bindings.Language{}}
	for _, lang := range langs {
		for _, ext := range lang.Extensions() {
			ext = strings.ToLower(ext)
			if _, taken := l.byExt[ext]; !taken {
				l.byExt[ext] = lang
				l.exts = append(l.exts, ext)
			}
		}
	}
	slices.Sort(l.exts)
	return l
}

// For returns the language of file, by its extension.
func (l *Languages) For(file string) (bindings.Language, error) {
	ext := strings.ToLower(filepath.Ext(file))
	if lang, ok := l.byExt[ext]; ok {
		return lang, nil
	}
	return nil, fmt.Errorf("%s: not a script b24run runs (want one of %s)", file, strings.Join(l.exts, ", "))
}

// Claims reports whether some language compiles file.
func (l *Languages) Claims(file string) bool {
	_, ok := l.byExt[strings.ToLower(filepath.Ext(file))]
	return ok
}

// Compile compiles src with the language of name.
func (l *Languages) Compile(name string, src []byte) (bindings.Program, error) {
	lang, err := l.For(name)
	if err != nil {
		return nil, err
	}
	return lang.Compile(name, src)
}

// DefaultLanguages are the languages b24run ships: JavaScript and TypeScript
// on goja, and Lua on gopher-lua.
func DefaultLanguages() *Languages {
	return NewLanguages(js.New(), lua.New())
}

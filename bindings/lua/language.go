package lua

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	glua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/parse"

	"github.com/b24run/b24run/bindings"
)

// New returns the Lua language: ".lua" files compiled by gopher-lua, run
// with the API described in the package documentation. The first call
// bounds gopher-lua's array part for the whole process (see
// maxArrayIndex).
func New() bindings.Language {
	limitArrayIndex()
	return language{}
}

type language struct{}

// Interface guards.
var (
	_ bindings.Language = language{}
	_ bindings.Program  = (*program)(nil)
)

func (language) Name() string { return "lua" }

func (language) Extensions() []string { return []string{".lua"} }

// Compile parses and compiles src once; every run of this version shares
// the resulting function prototype, which gopher-lua never modifies. The
// chunk is named filename, so that runtime errors read "deals.lua:12: ...".
// A syntax error is a *bindings.CompileError with the line, and the column
// when the parser knows it.
func (language) Compile(filename string, src []byte) (bindings.Program, error) {
	src = normalizeSource(src)
	proto, err := compile(filename, src)
	if err != nil {
		return nil, compileError(filename, src, err)
	}
	return &program{name: filename, proto: proto}, nil
}

// compile parses and compiles a chunk, working around the compiler bug
// guardLoops describes. load and loadstring use it too.
func compile(name string, src []byte) (*glua.FunctionProto, error) {
	chunk, err := parse.Parse(bytes.NewReader(src), name)
	if err != nil {
		return nil, err
	}
	guardLoops(chunk)
	return glua.Compile(chunk, name)
}

// normalizeSource drops a UTF-8 byte order mark and turns a "#!" first line
// into a comment, so that a script can be made executable; line numbers
// stay the same.
func normalizeSource(src []byte) []byte {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if bytes.HasPrefix(src, []byte("#")) {
		src = append([]byte("--"), src...)
	}
	return src
}

// compileError converts the errors of gopher-lua's parser and compiler.
func compileError(filename string, src []byte, err error) error {
	var pe *parse.Error
	if errors.As(err, &pe) {
		ce := &bindings.CompileError{File: filename, Line: pe.Pos.Line, Column: pe.Pos.Column}
		switch {
		case pe.Pos.Line <= 0: // at the end of the input
			ce.Line, ce.Column = bytes.Count(src, []byte("\n"))+1, 0
			if bytes.HasSuffix(src, []byte("\n")) {
				ce.Line--
			}
			ce.Message = pe.Message + " at end of file"
			if pe.Message == "syntax error" {
				ce.Message = "unexpected end of file (a missing 'end' or closing bracket?)"
			}
		case pe.Message == "unterminated string" && pe.Pos.Column == 0 && pe.Pos.Line > 1:
			// The lexer has already read the line break that ended it.
			ce.Line--
			ce.Message = pe.Message
		case pe.Token != "":
			ce.Message = fmt.Sprintf("%s near '%s'", pe.Message, pe.Token)
		default:
			ce.Message = pe.Message
		}
		return ce
	}
	var ge *glua.CompileError
	if errors.As(err, &ge) {
		return &bindings.CompileError{File: filename, Line: ge.Line, Message: ge.Message}
	}
	return &bindings.CompileError{File: filename, Line: 1, Message: strings.TrimSpace(err.Error())}
}

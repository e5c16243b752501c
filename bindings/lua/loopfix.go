package lua

import (
	"reflect"

	"github.com/yuin/gopher-lua/ast"
)

// guardLoops works around a bug of gopher-lua v1.1.2's compiler, found by
// this package's fixtures: its "jump to jump" pass follows a chain of jumps
// by reading each target's operand as a label id, but a target before the
// jump being resolved was already rewritten to a relative offset. A loop
// whose body begins with a jump (a break, an if with a false condition)
// therefore jumps back to a wrong place, and
//
//	if x then return end
//	for page in pages() do break end
//
// loops forever (the loop-back jump lands before the for). Loops jump
// backwards only to the start of a body (generic for, repeat) or of a
// condition (while, whose constant-true condition compiles to nothing), so
// giving such a body a first instruction that is not a jump — the LOADNIL
// of a local no script can name — avoids the bug without changing what the
// script does.
func guardLoops(chunk []ast.Stmt) {
	guardValue(reflect.ValueOf(chunk))
}

// noopName names the guard local; it is not a Lua identifier, so no script
// can read or shadow it.
const noopName = "(loop guard)"

func guardValue(v reflect.Value) {
	switch v.Kind() {
	case reflect.Interface, reflect.Pointer:
		if v.IsNil() {
			return
		}
		if v.CanInterface() {
			switch s := v.Interface().(type) {
			case *ast.GenericForStmt:
				s.Stmts = guardBody(s.Stmts)
			case *ast.WhileStmt:
				s.Stmts = guardBody(s.Stmts)
			case *ast.RepeatStmt:
				s.Stmts = guardBody(s.Stmts)
			}
		}
		guardValue(v.Elem())
	case reflect.Struct:
		for i := range v.NumField() {
			guardValue(v.Field(i))
		}
	case reflect.Slice:
		for i := range v.Len() {
			guardValue(v.Index(i))
		}
	}
}

// guardBody prepends the guard to a loop body whose first statement may
// compile to a jump.
func guardBody(body []ast.Stmt) []ast.Stmt {
	if len(body) == 0 {
		return body
	}
	switch body[0].(type) {
	case *ast.BreakStmt, *ast.IfStmt, *ast.DoBlockStmt, *ast.WhileStmt, *ast.RepeatStmt,
		*ast.GotoStmt, *ast.LabelStmt:
		guard := &ast.LocalAssignStmt{Names: []string{noopName}}
		guard.SetLine(body[0].Line())
		guard.SetLastLine(body[0].Line())
		return append([]ast.Stmt{guard}, body...)
	}
	return body
}

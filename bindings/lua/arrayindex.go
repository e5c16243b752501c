package lua

import (
	"sync"

	glua "github.com/yuin/gopher-lua"
)

// maxArrayIndex is what New sets gopher-lua's lua.MaxArrayIndex to.
//
// Why: gopher-lua keeps a table's integer keys from 1 up to (not including)
// MaxArrayIndex in the table's array part, and an assignment beyond its end
// first fills the gap with nils, one append at a time. With the default of
// 2^26, `t[60000000] = 1` grows one array to 60 million slots, about 2.3 GB
// on the way, inside a single VM instruction that neither the run's context
// nor any limit can interrupt. Keys at or beyond MaxArrayIndex live in the
// hash part instead, where a key costs what any key costs. At 2^20 the most
// one assignment can make the array part allocate is about 32 MiB (16 MiB
// of slots, and the copies while it grows), and t[60000000] is one hash
// entry.
//
// The price is that a Lua sequence ends there: gopher-lua's # and ipairs
// read the array part only, so a table holding more than 1,048,575
// consecutive elements stops being a proper sequence (# stays at 1,048,575
// and `t[#t + 1] = v` keeps writing the same key). That is above
// Limits.MaxListRows' default of 1,000,000; callListMethod never builds a
// longer array (maxSequence caps its rows) and json.decode refuses one, so
// the portal's data always arrives as proper sequences. Longer collections
// are for fetchListMethod loops, which hold one page at a time.
//
// MaxArrayIndex is a variable of the gopher-lua package, shared by every
// state of the process, so it is set once, before the first Lua language
// exists (and so before any state runs), and never changed again.
const maxArrayIndex = 1 << 20

// maxSequence is the longest array a table holds as a Lua sequence.
const maxSequence = maxArrayIndex - 1

// limitArrayIndex sets lua.MaxArrayIndex; New calls it. It is a function
// value made once, not state of this package: its only effect is on
// gopher-lua's variable.
var limitArrayIndex = sync.OnceFunc(func() { glua.MaxArrayIndex = maxArrayIndex })

package sandbox

import "testing"

func TestLikeMatch(t *testing.T) {
	tests := []struct {
		s, pattern string
		want       bool
	}{
		{"acme widgets", "acme%", true},
		{"acme widgets", "%widgets", true},
		{"acme widgets", "%me wid%", true},
		{"acme widgets", "acme", false},
		{"acme", "acme", true},
		{"acme", "a_me", true},
		{"acme", "a__e", true},
		{"acme", "a_e", false},
		{"", "%", true},
		{"", "", true},
		{"x", "", false},
		{"привет мир", "прив%мир", true},
		{"привет", "прив_т", true},
		{"aaa", "%a%a%a%", true},
		{"aa", "%a%a%a%", false},
		{"\xff\xfe", "%", true},
	}
	for _, tt := range tests {
		if got := likeMatch(tt.s, tt.pattern); got != tt.want {
			t.Errorf("likeMatch(%q, %q) = %v, want %v", tt.s, tt.pattern, got, tt.want)
		}
	}
}

func TestSplitOperator(t *testing.T) {
	tests := []struct {
		key  string
		op   filterOp
		name string
	}{
		{"ID", opEq, "ID"}, {"=ID", opEq, "ID"}, {"!ID", opNe, "ID"}, {"!=ID", opNe, "ID"},
		{">ID", opGt, "ID"}, {">=ID", opGe, "ID"}, {"<ID", opLt, "ID"}, {"<=ID", opLe, "ID"},
		{"%TITLE", opLike, "TITLE"}, {"=%TITLE", opPattern, "TITLE"}, {"%=TITLE", opPattern, "TITLE"},
		{"!%TITLE", opNotLike, "TITLE"}, {"!=%TITLE", opNotPattern, "TITLE"}, {"!%=TITLE", opNotPattern, "TITLE"},
		{"@ID", opIn, "ID"}, {"!@ID", opNotIn, "ID"},
	}
	for _, tt := range tests {
		if op, name := splitOperator(tt.key); op != tt.op || name != tt.name {
			t.Errorf("splitOperator(%q) = %v %q, want %v %q", tt.key, op, name, tt.op, tt.name)
		}
	}
}

package js

import (
	"strconv"
	"strings"
	"testing"

	textlang "golang.org/x/text/language"
)

// TestFormatNumber pins the rounding and symbols that Node shows: ICU rounds
// the shortest decimal digits half away from zero.
func TestFormatNumber(t *testing.T) {
	for _, c := range []struct {
		locale string
		opts   numberOptions
		value  float64
		want   string
	}{
		{"en-US", numberOptions{maxFrac: 2}, 1.005, "1.01"},
		{"en-US", numberOptions{maxFrac: 2}, 0.125, "0.13"},
		{"en-US", numberOptions{maxFrac: 0}, -2.5, "-3"},
		{"en-US", numberOptions{maxFrac: 3}, -0.0001, "-0"},
		{"en-US", numberOptions{maxFrac: 3}, 1e21, "1,000,000,000,000,000,000,000"},
		{"en-US", numberOptions{maxSig: 3, minSig: 1}, 1234.5678, "1,230"},
		{"ru-RU", numberOptions{maxFrac: 3}, -1234567.891, "-1\u00a0234\u00a0567,891"},
		{"fr-FR", numberOptions{maxFrac: 3}, 1234.5, "1\u202f234,5"},
		{"es-ES", numberOptions{maxFrac: 3}, 1234, "1234"},
		{"de-DE", numberOptions{style: "percent"}, -0.125, "-13\u00a0%"},
		{"en-US", numberOptions{style: "currency", currency: "RUB", currencyDisplay: "symbol", minFrac: 2, maxFrac: 2}, -1234.5, "-RUB\u00a01,234.50"},
		{"kk-KZ", numberOptions{style: "currency", currency: "KZT", currencyDisplay: "symbol", minFrac: 2, maxFrac: 2}, 1234.5, "1\u00a0234,50\u00a0₸"},
	} {
		o := c.opts
		if o.style == "" {
			o.style = "decimal"
		}
		o.minInt, o.grouping, o.signDisplay = 1, "auto", "auto"
		var b strings.Builder
		for _, p := range formatNumber(numberLocaleFor(textlang.MustParse(c.locale)), &o, decimalFromFloat(c.value)) {
			b.WriteString(p.value)
		}
		if got := b.String(); got != c.want {
			t.Errorf("%s %v %v = %q, want %q", c.locale, c.opts, c.value, got, c.want)
		}
	}
}

func TestDecimalFromString(t *testing.T) {
	for in, want := range map[string]string{"12345678901234567890.125": "12345678901234567890125/20", "-0.5e3": "5/3", "007": "7/1", "0.0": "/0"} {
		d, ok := decimalFromString(in)
		if got := string(d.digits) + "/" + strconv.Itoa(d.exp); !ok || got != want {
			t.Errorf("decimalFromString(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", ".", "1e", "0x10", "1.2.3", "abc"} {
		if _, ok := decimalFromString(bad); ok {
			t.Errorf("decimalFromString(%q) accepted", bad)
		}
	}
}

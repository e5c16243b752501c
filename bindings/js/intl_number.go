package js

import (
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/currency"
	textlang "golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// This file is the Go half of Intl.NumberFormat (prelude/intl.js holds the
// other): digits, rounding and the locale's symbols. Rounding follows ICU,
// as Node does: the number's shortest round-trip decimal digits, rounded half
// away from zero, so (1.005).toFixed(2) is "1.00" but 1.005 formats as
// "1.01". The locale's separators, grouping sizes, minus sign, percent
// pattern, NaN text and currency symbols come from golang.org/x/text's CLDR
// tables; what x/text does not carry (minimum grouping digits, where the
// currency symbol goes) and the few places where its older CLDR differs
// from Node's are in the small tables below.

// numberLocale is what formatting needs of one locale.
type numberLocale struct {
	tag       textlang.Tag
	decimal   string
	group     string
	minus     string // the prefix of negative numbers
	primary   int    // digits in the group nearest the decimal separator
	secondary int    // digits in the other groups
	minGroup  int    // grouping starts at primary+minGroup integer digits
	zero      rune   // the locale's digit zero
	nan       string
	inf       string
	pctPrefix string
	pctSuffix string
	curPos    string // currency pattern for positive numbers, see curPatterns
	curNeg    string // and for negative ones
}

var numberLocales sync.Map // tag string -> *numberLocale

// minGroupingTwo are the locales whose CLDR minimumGroupingDigits is 2
// ("1234" but "12 345"); x/text does not carry that field.
var minGroupingTwo = map[string]bool{
	"be": true, "bg": true, "es": true, "et": true, "hu": true, "hy": true, "it": true,
	"ka": true, "lv": true, "pl": true, "pt-PT": true, "sl": true, "sq": true,
}

// minGroupingOne overrides minGroupingTwo for regional variants.
var minGroupingOne = map[string]bool{"es-MX": true, "es-US": true, "es-419": true}

// curPatterns place the currency symbol: '¤' is the symbol, '#' the number,
// '-' the minus sign and ' ' a no-break space. A symbol written right against
// the number gets a no-break space when its adjacent character is a letter
// (ICU's currency spacing: "$1.00" but "RUB 1.00"). Languages not listed put
// the symbol after the number with a no-break space, as CLDR does for most.
var curPatterns = map[string][2]string{
	"¤#":   {"¤#", "-¤#"},
	"¤ #":  {"¤ #", "-¤ #"},
	"¤ -#": {"¤ #", "¤ -#"},
	"¤-#":  {"¤ #", "¤-#"},
	"#¤":   {"#¤", "-#¤"},
	"# ¤":  {"# ¤", "-# ¤"},
}

var curPatternByLocale = map[string]string{
	"af": "¤#", "am": "¤#", "cy": "¤#", "en": "¤#", "fil": "¤#", "ga": "¤#", "gu": "¤#",
	"hi": "¤#", "id": "¤#", "ja": "¤#", "kn": "¤#", "ko": "¤#", "ml": "¤#", "mr": "¤#",
	"ms": "¤#", "pa": "¤#", "si": "¤#", "ta": "¤#", "te": "¤#", "th": "¤#", "tr": "¤#",
	"ur": "¤#", "zh": "¤#", "zu": "¤#", "he": "# ¤", "ar": "# ¤",
	"pt": "¤ #", "pt-PT": "# ¤", "de-AT": "¤ #", "mn": "¤ #", "ne": "¤ #", "sw": "¤ #",
	"nl": "¤ -#", "de-CH": "¤-#", "de-LI": "¤-#", "lo": "¤-#",
	"bn": "#¤", "km": "#¤",
	"en-150": "# ¤", "en-AT": "# ¤", "en-BE": "# ¤", "en-CH": "¤ #", "en-DE": "# ¤",
	"en-DK": "# ¤", "en-FI": "# ¤", "en-NL": "¤ #", "en-SE": "# ¤", "en-SI": "# ¤",
	"es-MX": "¤#", "es-US": "¤#", "es-419": "¤#", "fr-CH": "# ¤",
}

// symbolOverrides are currency symbols (currencyDisplay "symbol") where x/text's CLDR differs from
// Node's (locale or language, then currency).
var symbolOverrides = map[string]map[string]string{
	"en-IN": {"USD": "$"},
	"be":    {"BYN": "Br", "RUB": "₽"},
	"de-CH": {"EUR": "EUR"},
	"zh":    {"CNY": "¥"},
	"vi":    {"JPY": "¥"},
}

// groupOverrides are group separators where x/text differs from Node.
var groupOverrides = map[string]string{"de-CH": "'", "de-LI": "'", "fr": "\u202f", "fr-CH": "\u202f"}

// nanOverrides are NaN texts where x/text differs from Node.
var nanOverrides = map[string]string{"sv": "NaN"}

// lookupLocaleTable finds key's entry in m by the locale, then its textlang.
func lookupLocaleTable[V any](m map[string]V, tag textlang.Tag) (V, bool) {
	s := tag.String()
	for {
		if v, ok := m[s]; ok {
			return v, true
		}
		i := strings.LastIndexByte(s, '-')
		if i < 0 {
			var zero V
			return zero, false
		}
		s = s[:i]
	}
}

// numberLocaleFor reads (once) the locale's symbols from x/text by
// formatting probe numbers.
func numberLocaleFor(tag textlang.Tag) *numberLocale {
	key := tag.String()
	if v, ok := numberLocales.Load(key); ok {
		return v.(*numberLocale)
	}
	p := message.NewPrinter(tag)
	l := &numberLocale{tag: tag, zero: '0', minGroup: 1}
	if z, _ := utf8.DecodeRuneInString(p.Sprint(number.Decimal(0))); unicode.IsDigit(z) {
		l.zero = z
	}
	// "-1,234,567.5" gives the minus prefix, the separators and the group
	// sizes.
	probe := p.Sprint(number.Decimal(-1234567.5, number.MinFractionDigits(1)))
	var runs []int
	var seps []string
	cur, inDigits := 0, false
	var sep strings.Builder
	for i, r := range probe {
		if unicode.IsDigit(r) {
			if !inDigits && len(runs) == 0 && cur == 0 {
				l.minus = probe[:i]
			}
			if sep.Len() > 0 {
				seps = append(seps, sep.String())
				sep.Reset()
			}
			inDigits = true
			cur++
			continue
		}
		if inDigits {
			runs = append(runs, cur)
			cur = 0
			inDigits = false
		}
		if len(runs) > 0 {
			sep.WriteRune(r)
		}
	}
	runs = append(runs, cur)
	if len(seps) > 0 {
		l.decimal = seps[len(seps)-1]
	}
	if len(seps) > 1 {
		l.group = seps[0]
		// runs: leading, ..., primary group, fraction.
		l.primary = runs[len(runs)-2]
		l.secondary = l.primary
		if len(runs) > 3 {
			l.secondary = runs[len(runs)-3]
		}
	}
	if g, ok := lookupLocaleTable(groupOverrides, tag); ok {
		l.group = g
	}
	if minGroupingTwo[key] || minGroupingTwo[baseOf(tag)] {
		l.minGroup = 2
	}
	if _, ok := lookupLocaleTable(minGroupingOne, tag); ok {
		l.minGroup = 1
	}
	if l.primary == 3 && l.secondary == 2 && !indianGrouping(tag) {
		l.secondary = 3
	}
	l.nan = p.Sprint(number.Decimal(math.NaN()))
	if s, ok := lookupLocaleTable(nanOverrides, tag); ok {
		l.nan = s
	}
	l.inf = strings.TrimPrefix(p.Sprint(number.Decimal(math.Inf(1))), "+")
	pct := p.Sprint(number.Percent(0.5))
	if i := strings.IndexFunc(pct, unicode.IsDigit); i >= 0 {
		l.pctPrefix = pct[:i]
		j := strings.LastIndexFunc(pct, unicode.IsDigit)
		_, size := utf8.DecodeRuneInString(pct[j:])
		l.pctSuffix = pct[j+size:]
	}
	pat, ok := lookupLocaleTable(curPatternByLocale, tag)
	if !ok {
		pat = "# ¤"
	}
	cp := curPatterns[pat]
	l.curPos, l.curNeg = cp[0], cp[1]
	v, _ := numberLocales.LoadOrStore(key, l)
	return v.(*numberLocale)
}

// indianGrouping tells the locales that Node groups 12,34,567 (x/text does
// it for more of the Indic locales than Node does).
func indianGrouping(tag textlang.Tag) bool {
	switch tag.String() {
	case "en-IN", "hi", "hi-IN":
		return true
	}
	return false
}

func baseOf(tag textlang.Tag) string {
	b, _ := tag.Base()
	return b.String()
}

// numberOptions are the resolved options of one Intl.NumberFormat.
type numberOptions struct {
	style           string // decimal, percent, currency, unit
	currency        string // upper case ISO code
	currencyDisplay string // symbol, narrowSymbol, code, name
	minInt          int
	minFrac         int
	maxFrac         int
	minSig, maxSig  int    // 0 unless significant digits rule
	grouping        string // auto, always, min2, false
	signDisplay     string // auto, never, always, exceptZero, negative
}

// decimalNum is |value| = 0.digits × 10^exp, digits without leading or
// trailing zeros (none at all for zero).
type decimalNum struct {
	digits []byte
	exp    int
	neg    bool
	nan    bool
	inf    bool
}

func decimalFromFloat(x float64) decimalNum {
	d := decimalNum{neg: math.Signbit(x)}
	switch {
	case math.IsNaN(x):
		d.nan, d.neg = true, false
		return d
	case math.IsInf(x, 0):
		d.inf = true
		return d
	case x == 0:
		return d
	}
	s := strconv.FormatFloat(math.Abs(x), 'e', -1, 64)
	mant, e, _ := strings.Cut(s, "e")
	exp, _ := strconv.Atoi(e)
	d.digits = []byte(strings.Replace(mant, ".", "", 1))
	d.exp = exp + 1
	d.trim()
	return d
}

// decimalFromString reads a decimal literal ("-12.5e3") exactly, as Node
// formats numeric strings; ok is false for anything else.
func decimalFromString(s string) (decimalNum, bool) {
	var d decimalNum
	switch {
	case strings.HasPrefix(s, "-"):
		d.neg, s = true, s[1:]
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	mant, e, hasExp := strings.Cut(strings.ToLower(s), "e")
	exp := 0
	if hasExp {
		v, err := strconv.Atoi(e)
		if err != nil || strings.HasPrefix(e, "+") && len(e) == 1 || v > 1e6 || v < -1e6 {
			return d, false
		}
		exp = v
	}
	intPart, frac, _ := strings.Cut(mant, ".")
	if intPart == "" && frac == "" || strings.Trim(intPart+frac, "0123456789") != "" {
		return d, false
	}
	d.digits = []byte(intPart + frac)
	d.exp = len(intPart) + exp
	d.trim()
	return d, true
}

func (d *decimalNum) trim() {
	i := 0
	for i < len(d.digits) && d.digits[i] == '0' {
		i++
	}
	d.digits = d.digits[i:]
	d.exp -= i
	d.digits = []byte(strings.TrimRight(string(d.digits), "0"))
	if len(d.digits) == 0 {
		d.exp = 0
	}
}

// round keeps n digits, rounding half away from zero.
func (d *decimalNum) round(n int) {
	if n >= len(d.digits) {
		return
	}
	if n < 0 {
		d.digits, d.exp = nil, 0
		return
	}
	up := d.digits[n] >= '5'
	d.digits = d.digits[:n]
	if up {
		i := n - 1
		for i >= 0 && d.digits[i] == '9' {
			i--
		}
		if i < 0 {
			d.digits = []byte{'1'}
			d.exp++
		} else {
			d.digits[i]++
			d.digits = d.digits[:i+1]
		}
	}
	d.trim()
}

// numberPart is one piece of formatToParts.
type numberPart struct{ typ, value string }

// formatNumber formats d by the options and locale into parts.
func formatNumber(l *numberLocale, o *numberOptions, d decimalNum) []numberPart {
	var body []numberPart
	switch {
	case d.nan:
		body = []numberPart{{"nan", l.nan}}
	case d.inf:
		body = []numberPart{{"infinity", l.inf}}
	default:
		if o.style == "percent" && len(d.digits) > 0 {
			d.exp += 2
		}
		if o.maxSig > 0 {
			d.round(o.maxSig)
		} else {
			d.round(d.exp + o.maxFrac)
		}
		body = l.digitParts(o, d)
	}
	zero := !d.nan && !d.inf && len(d.digits) == 0
	sign := ""
	switch o.signDisplay {
	case "auto":
		if d.neg {
			sign = "-"
		}
	case "always":
		sign = "+"
		if d.neg {
			sign = "-"
		}
	case "exceptZero":
		if !zero && !d.nan {
			sign = "+"
			if d.neg {
				sign = "-"
			}
		}
	case "negative":
		if d.neg && !zero {
			sign = "-"
		}
	}
	var signPart []numberPart
	switch sign {
	case "-":
		signPart = []numberPart{{"minusSign", l.minus}}
		if l.minus == "" {
			signPart[0].value = "-"
		}
	case "+":
		signPart = []numberPart{{"plusSign", strings.Replace(l.minus, "-", "+", 1)}}
		if !strings.Contains(signPart[0].value, "+") {
			signPart[0].value = "+"
		}
	}
	switch o.style {
	case "percent":
		var out []numberPart
		out = append(out, signPart...)
		out = appendAffix(out, l.pctPrefix, "percentSign")
		out = append(out, body...)
		return appendAffix(out, l.pctSuffix, "percentSign")
	case "currency":
		return l.currencyParts(o, signPart, body)
	}
	return append(signPart, body...)
}

// appendAffix splits a percent prefix or suffix into its sign and spaces.
func appendAffix(out []numberPart, affix, typ string) []numberPart {
	start := 0
	for i, r := range affix {
		if unicode.IsSpace(r) || r == '\u200e' || r == '\u200f' || r == '\u061c' {
			continue
		}
		if i > start {
			out = append(out, numberPart{"literal", affix[start:i]})
		}
		size := utf8.RuneLen(r)
		out = append(out, numberPart{typ, affix[i : i+size]})
		start = i + size
	}
	if start < len(affix) {
		out = append(out, numberPart{"literal", affix[start:]})
	}
	return out
}

// digitParts writes the rounded digits: integer with groups, decimal
// separator, fraction.
func (l *numberLocale) digitParts(o *numberOptions, d decimalNum) []numberPart {
	intDigits := "0"
	frac := ""
	if len(d.digits) > 0 {
		if d.exp > 0 {
			if d.exp >= len(d.digits) {
				intDigits = string(d.digits) + strings.Repeat("0", d.exp-len(d.digits))
			} else {
				intDigits = string(d.digits[:d.exp])
				frac = string(d.digits[d.exp:])
			}
		} else {
			frac = strings.Repeat("0", -d.exp) + string(d.digits)
		}
	}
	minFrac := o.minFrac
	if o.maxSig > 0 {
		// Significant digits: pad the fraction to minSig digits counted
		// from the first non-zero one (or from the integer 0).
		sig := len(strings.TrimLeft(intDigits+frac, "0"))
		if intDigits != "0" {
			sig = len(intDigits) + len(frac)
		} else if len(d.digits) == 0 {
			sig = 1
		}
		minFrac = len(frac) + max(0, o.minSig-sig)
	}
	for len(frac) < minFrac {
		frac += "0"
	}
	for len(intDigits) < o.minInt {
		intDigits = "0" + intDigits
	}
	var parts []numberPart
	groups := l.groupSizes(o, len(intDigits))
	pos := 0
	for i, n := range groups {
		if i > 0 {
			parts = append(parts, numberPart{"group", l.group})
		}
		parts = append(parts, numberPart{"integer", l.localDigits(intDigits[pos : pos+n])})
		pos += n
	}
	if frac != "" {
		parts = append(parts, numberPart{"decimal", l.decimal}, numberPart{"fraction", l.localDigits(frac)})
	}
	return parts
}

// groupSizes splits n integer digits into groups, most significant first.
func (l *numberLocale) groupSizes(o *numberOptions, n int) []int {
	minGroup := l.minGroup
	switch o.grouping {
	case "false":
		return []int{n}
	case "always":
		minGroup = 1
	case "min2":
		minGroup = 2
	}
	if l.primary <= 0 || l.group == "" || n < l.primary+minGroup {
		return []int{n}
	}
	sizes := []int{l.primary}
	rest := n - l.primary
	for rest > l.secondary {
		sizes = append(sizes, l.secondary)
		rest -= l.secondary
	}
	sizes = append(sizes, rest)
	for i, j := 0, len(sizes)-1; i < j; i, j = i+1, j-1 {
		sizes[i], sizes[j] = sizes[j], sizes[i]
	}
	return sizes
}

func (l *numberLocale) localDigits(s string) string {
	if l.zero == '0' {
		return s
	}
	var b strings.Builder
	for _, c := range s {
		b.WriteRune(l.zero + (c - '0'))
	}
	return b.String()
}

// currencyParts places the symbol by the locale's currency pattern.
func (l *numberLocale) currencyParts(o *numberOptions, sign, body []numberPart) []numberPart {
	symbol := currencySymbol(l.tag, o.currency, o.currencyDisplay)
	// A signed number (minus, or plus for signDisplay) takes the negative
	// pattern with its sign where the pattern has '-', as in ICU.
	pattern := l.curPos
	if len(sign) > 0 {
		pattern = l.curNeg
	}
	// The spacing applies next to digits only ("RUB 1.00", "RUBNaN").
	digits := len(body) > 0 && body[0].typ == "integer"
	var out []numberPart
	runes := []rune(pattern)
	for i, r := range runes {
		switch r {
		case '-', '+':
			out = append(out, sign...)
		case ' ':
			out = append(out, numberPart{"literal", "\u00a0"})
		case '¤':
			out = append(out, numberPart{"currency", symbol})
			if i+1 < len(runes) && runes[i+1] == '#' && digits && needsCurrencySpace(symbol, false) {
				out = append(out, numberPart{"literal", "\u00a0"})
			}
		case '#':
			out = append(out, body...)
			if i+1 < len(runes) && runes[i+1] == '¤' && digits && needsCurrencySpace(symbol, true) {
				out = append(out, numberPart{"literal", "\u00a0"})
			}
		}
	}
	return out
}

// needsCurrencySpace is ICU's currency spacing: a symbol whose character
// next to the number is not a symbol (a letter: "RUB") is set apart by a
// no-break space.
func needsCurrencySpace(symbol string, first bool) bool {
	var r rune
	if first {
		r, _ = utf8.DecodeRuneInString(symbol)
	} else {
		r, _ = utf8.DecodeLastRuneInString(symbol)
	}
	return r != utf8.RuneError && !unicode.IsSymbol(r)
}

// currencySymbol is the text of the currency for the display option.
// currencyDisplay "name" is shown as the ISO code: b24run has no currency
// names.
func currencySymbol(tag textlang.Tag, code, display string) string {
	if display == "code" || display == "name" {
		return code
	}
	if m, ok := lookupLocaleTable(symbolOverrides, tag); ok && display == "symbol" {
		if s, ok := m[code]; ok {
			return s
		}
	}
	u, err := currency.ParseISO(code)
	if err != nil {
		return code
	}
	p := message.NewPrinter(tag)
	if display == "narrowSymbol" {
		return p.Sprint(currency.NarrowSymbol(u))
	}
	return p.Sprint(currency.Symbol(u))
}

// currencyDigits is the number of fraction digits of the currency (2 for
// codes CLDR does not know).
func currencyDigits(code string) int {
	u, err := currency.ParseISO(code)
	if err != nil {
		return 2
	}
	scale, _ := currency.Standard.Rounding(u)
	return scale
}

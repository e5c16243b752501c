package js

import (
	"regexp"
	"strings"

	"github.com/dop251/goja"
	textlang "golang.org/x/text/language"
)

// The native half of Intl (prelude/intl.js is the other): locale lists,
// and formatter objects that prelude/intl.js wraps in Intl.NumberFormat and
// Intl.DateTimeFormat. b24run implements the common part of ECMA-402, not
// all of it; doc.go lists what it leaves out.

// defaultLocale is the locale of a call without one, as Node's on a server.
const defaultLocale = "en-US"

// numberLanguages are the languages whose number symbols come from x/text's
// CLDR data; a locale of another language falls back to en-US.
var numberLanguages = func() map[string]bool {
	m := map[string]bool{}
	for _, l := range strings.Fields(`af am ar az be bg bn bs ca cs cy da de el en es et eu fa fi
		fil fr ga gl gu he hi hr hu hy id is it ja ka kk km kn ko ky lo lt lv mk ml mn mr ms my nb
		ne nl no pa pl pt ro ru si sk sl sq sr sv sw ta te th tg tk tr uk ur uz vi zh zu`) {
		m[l] = true
	}
	return m
}()

// wellFormed is BCP 47's langtag, less grandfathered tags.
var wellFormed = regexp.MustCompile(`^(?i)([a-z]{2,3}|[a-z]{5,8})(-[a-z]{4})?(-([a-z]{2}|[0-9]{3}))?(-([a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(-[a-wyz0-9](-[a-z0-9]{2,8})+)*(-x(-[a-z0-9]{1,8})+)?$`)

// parseLocale checks one BCP 47 language tag and returns its canonical
// form. A well-formed tag that x/text does not know ("xx-YY") is kept, in
// BCP 47 casing, and formats as the default locale.
func parseLocale(s string) (string, textlang.Tag, bool) {
	if !wellFormed.MatchString(s) {
		return "", textlang.Und, false
	}
	t, err := textlang.Parse(s)
	if err == nil && t != textlang.Und {
		return t.String(), t, true
	}
	parts := strings.Split(strings.ToLower(s), "-")
	for i := 1; i < len(parts); i++ {
		if len(parts[i-1]) == 1 {
			break // extensions stay lower case
		}
		switch len(parts[i]) {
		case 2:
			parts[i] = strings.ToUpper(parts[i])
		case 4:
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return strings.Join(parts, "-"), textlang.Und, true
}

// requestedLocale is one entry of a locale list: its canonical text, and
// its tag when x/text knows it (Und otherwise).
type requestedLocale struct {
	text string
	tag  textlang.Tag
}

// localeList reads the canonical form of the prelude's list of strings,
// throwing RangeError for a malformed tag.
func (r *run) localeList(v goja.Value) []requestedLocale {
	var in []string
	if obj, ok := v.(*goja.Object); ok {
		_ = r.rt.ExportTo(obj, &in)
	}
	out := make([]requestedLocale, 0, len(in))
	for _, s := range in {
		text, t, ok := parseLocale(s)
		if !ok {
			panic(r.newRangeError("Incorrect locale information provided"))
		}
		out = append(out, requestedLocale{text, t})
	}
	return out
}

func (r *run) newRangeError(msg string) *goja.Object {
	ctor := r.rt.Get("RangeError").ToObject(r.rt)
	obj, err := r.rt.New(ctor, r.rt.ToValue(msg))
	if err != nil {
		panic(err)
	}
	return obj
}

// stripExtensions keeps language, script and region.
func stripExtensions(t textlang.Tag) textlang.Tag {
	b, s, reg := t.Raw()
	c, err := textlang.Compose(b, s, reg)
	if err != nil {
		return t
	}
	return c
}

// nativeIntlLocales is Intl.getCanonicalLocales.
func (r *run) nativeIntlLocales(c goja.FunctionCall) goja.Value {
	tags := r.localeList(c.Argument(0))
	out := make([]any, 0, len(tags))
	seen := map[string]bool{}
	for _, t := range tags {
		if s := t.text; !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return r.rt.NewArray(out...)
}

// nativeIntlResolve is the locale a formatter of a kind ("number" or
// "date") uses for a list of requested locales; with supported=true it
// returns the supported ones instead (supportedLocalesOf).
func (r *run) nativeIntlResolve(c goja.FunctionCall) goja.Value {
	kind := c.Argument(0).String()
	tags := r.localeList(c.Argument(1))
	all := c.Argument(2).ToBoolean()
	var found []any
	for _, req := range tags {
		if req.tag == textlang.Und {
			continue
		}
		t := stripExtensions(req.tag)
		resolved := ""
		if kind == "date" {
			if _, res, ok := dateLocaleKey(t); ok {
				resolved = res
			}
		} else if numberLanguages[baseOf(t)] {
			resolved = t.String()
		}
		if resolved == "" {
			continue
		}
		if !all {
			return r.rt.ToValue(resolved)
		}
		found = append(found, t.String())
	}
	if all {
		return r.rt.NewArray(found...)
	}
	return r.rt.ToValue(defaultLocale)
}

// nativeIntlNumberFormatter builds the formatter of a resolved
// NumberFormat: {format(x), parts(x)}, x a number or a decimal string.
func (r *run) nativeIntlNumberFormatter(c goja.FunctionCall) goja.Value {
	tag := textlang.Make(c.Argument(0).String())
	str, num := optionReaders(c.Argument(1).ToObject(r.rt))
	o := &numberOptions{
		style: str("style"), currency: str("currency"), currencyDisplay: str("currencyDisplay"),
		minInt: num("minimumIntegerDigits"), minFrac: num("minimumFractionDigits"), maxFrac: num("maximumFractionDigits"),
		minSig: num("minimumSignificantDigits"), maxSig: num("maximumSignificantDigits"),
		grouping: str("useGrouping"), signDisplay: str("signDisplay"),
	}
	l := numberLocaleFor(tag)
	format := func(v goja.Value) []numberPart {
		var d decimalNum
		if s, ok := v.Export().(string); ok {
			if d, ok = decimalFromString(s); !ok {
				d = decimalFromFloat(v.ToFloat())
			}
		} else {
			d = decimalFromFloat(v.ToFloat())
		}
		return formatNumber(l, o, d)
	}
	return r.formatterObject(func(c goja.FunctionCall) []numberPart { return format(c.Argument(0)) }, false)
}

// formatterObject wraps a formatting function as {format, parts}. As V8
// does for dates, format (not formatToParts) can turn the narrow no-break
// space of CLDR's "3:04\u202fPM" into a plain space.
func (r *run) formatterObject(f func(goja.FunctionCall) []numberPart, plainSpace bool) *goja.Object {
	obj := r.rt.NewObject()
	_ = obj.Set("format", r.guard("Intl format", func(c goja.FunctionCall) goja.Value {
		var b strings.Builder
		for _, p := range f(c) {
			b.WriteString(p.value)
		}
		s := b.String()
		if plainSpace {
			s = strings.ReplaceAll(s, "\u202f", " ")
		}
		return r.rt.ToValue(s)
	}))
	_ = obj.Set("parts", r.guard("Intl formatToParts", func(c goja.FunctionCall) goja.Value {
		parts := f(c)
		out := make([]any, len(parts))
		for i, p := range parts {
			o := r.rt.NewObject()
			_ = o.Set("type", p.typ)
			_ = o.Set("value", p.value)
			out[i] = o
		}
		return r.rt.NewArray(out...)
	}))
	return obj
}

// optionReaders read a resolved options object: strings ("" when absent)
// and integers (0 when absent).
func optionReaders(opts *goja.Object) (str func(string) string, num func(string) int) {
	get := func(k string) goja.Value {
		v := opts.Get(k)
		if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
			return nil
		}
		return v
	}
	str = func(k string) string {
		if v := get(k); v != nil {
			return v.String()
		}
		return ""
	}
	num = func(k string) int {
		if v := get(k); v != nil {
			return int(v.ToInteger())
		}
		return 0
	}
	return str, num
}

// nativeIntlCurrencyDigits is the default fraction digits of a currency.
func (r *run) nativeIntlCurrencyDigits(c goja.FunctionCall) goja.Value {
	return r.rt.ToValue(currencyDigits(strings.ToUpper(c.Argument(0).String())))
}

// nativeIntlTimeZone canonicalizes a timeZone option; undefined asks for
// the runtime's zone.
func (r *run) nativeIntlTimeZone(c goja.FunctionCall) goja.Value {
	if goja.IsUndefined(c.Argument(0)) {
		return r.rt.ToValue(defaultTimeZone())
	}
	name := c.Argument(0).String()
	z, ok := canonicalZone(name)
	if !ok {
		panic(r.newRangeError("Invalid time zone specified: " + name))
	}
	return r.rt.ToValue(z)
}

// nativeIntlDateFormatter builds the formatter of a resolved
// DateTimeFormat: {format(ms), parts(ms), resolved}.
func (r *run) nativeIntlDateFormatter(c goja.FunctionCall) goja.Value {
	tag := textlang.Make(c.Argument(0).String())
	key, _, ok := dateLocaleKey(tag)
	if !ok {
		key = "en"
	}
	str, num := optionReaders(c.Argument(1).ToObject(r.rt))
	o := dateOptions{
		Weekday: str("weekday"), Year: str("year"), Month: str("month"), Day: str("day"),
		Hour: str("hour"), Minute: str("minute"), Second: str("second"), TimeZoneName: str("timeZoneName"),
		FractionalSecondDigits: num("fractionalSecondDigits"), Hour12: str("hour12"), HourCycle: str("hourCycle"),
		DateStyle: str("dateStyle"), TimeStyle: str("timeStyle"), TimeZone: str("timeZone"),
	}
	f, err := newDateFormatter(key, &o, numberLocaleFor(tag).decimal)
	if err != nil {
		panic(r.newRangeError("Invalid time zone specified: " + o.TimeZone))
	}
	obj := r.formatterObject(func(c goja.FunctionCall) []numberPart { return f.format(c.Argument(0).ToFloat()) }, true)
	resolved := r.rt.NewObject()
	for k, v := range f.resolved(&o) {
		_ = resolved.Set(k, v)
	}
	_ = resolved.Set("hourCycle", f.cycle)
	_ = resolved.Set("timeZone", f.zone)
	_ = obj.Set("resolved", resolved)
	return obj
}

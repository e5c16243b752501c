package js

import (
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // the timeZone option must work on hosts without a zoneinfo directory

	textlang "golang.org/x/text/language"
)

//go:generate node gen_intl_dates.mjs

// This file is the Go half of Intl.DateTimeFormat. golang.org/x/text has no
// date formats, so the patterns and names of the locales below are a table
// (intl_date_data.go) generated from Node's own ICU data; other locales
// fall back to en-US, as ECMA-402 does for a locale it lacks.

// dateLocale is one locale's date data; see gen_intl_dates.mjs for the
// pattern syntax.
type dateLocale struct {
	date       map[string]string            // by skeleton: [E|EEEE][y][M|MMM|MMMM][d]
	glue       map[string]string            // how the date skeleton joins a time
	time       map[string]map[string]string // by family, then skeleton h, hm, hms, m, s, ms (+z)
	timeStyle  map[string][4]string         // by family: full, long, medium, short
	dateStyle  [4]string
	styleGlue  [4][4]string // [dateStyle][timeStyle]
	am, pm     string
	cycle      string // default hour cycle
	cycleTrue  string // hour cycle for hour12: true
	cycleFalse string // and for hour12: false
	utcShort   string
	utcLong    string
	gmtFormat  string // "GMT{0}"
	gmtSep     string // between offset hours and minutes
	lists      [][]string
}

// dateOptions are the resolved component options of one
// Intl.DateTimeFormat ("" for an absent one).
type dateOptions struct {
	Weekday, Year, Month, Day, Hour, Minute, Second, TimeZoneName string
	FractionalSecondDigits                                        int
	Hour12                                                        string // "", "true", "false"
	HourCycle                                                     string
	DateStyle, TimeStyle                                          string
	TimeZone                                                      string
}

var styleIndex = map[string]int{"full": 0, "long": 1, "medium": 2, "short": 3}

// dateToken is a field ("y", "MM", "L3", ...) or literal text.
type dateToken struct {
	field string
	text  string
}

// dateFormatter formats instants for one resolved DateTimeFormat.
type dateFormatter struct {
	data    *dateLocale
	tokens  []dateToken
	loc     *time.Location
	zone    string
	cycle   string
	decimal string
	fsd     int
}

// dateLocaleKey finds the data for a locale: the full tag (en-GB), else
// its language; ok is false when b24run has no data for it.
func dateLocaleKey(tag textlang.Tag) (key string, resolved string, ok bool) {
	s := tag.String()
	if _, ok := dateLocales[s]; ok {
		return s, s, true
	}
	base := baseOf(tag)
	if _, ok := dateLocales[base]; !ok {
		return "", "", false
	}
	// Keep the requested region when it is the language's own (ru-RU,
	// de-DE); otherwise say honestly that the language's data is used.
	region, conf := tag.Region()
	if conf != textlang.Exact {
		return base, base, true
	}
	likely, _ := textlang.Make(base).Region()
	if region == likely || base == "ru" { // ru-KZ, ru-BY, ru-UA print as ru

		return base, s, true
	}
	return base, base, true
}

// newDateFormatter compiles the pattern for the options.
func newDateFormatter(key string, o *dateOptions, decimal string) (*dateFormatter, error) {
	data := dateLocales[key]
	f := &dateFormatter{data: data, decimal: decimal, fsd: o.FractionalSecondDigits, zone: o.TimeZone}
	if f.zone == "" {
		f.zone, f.loc = defaultTimeZone(), time.Local
	} else {
		loc, err := loadZone(o.TimeZone)
		if err != nil {
			return nil, err
		}
		f.loc = loc
	}
	// The family of time patterns: Node's differ by how the hour cycle was
	// asked for (ru hour12:false is "3:04", hourCycle "h23" is "03:04").
	f.cycle = data.cycle
	family := "default"
	switch {
	case o.Hour12 == "true":
		f.cycle, family = data.cycleTrue, "true"
	case o.Hour12 == "false":
		f.cycle, family = data.cycleFalse, "false"
	case o.HourCycle == "h11" || o.HourCycle == "h12":
		f.cycle, family = o.HourCycle, "h12"
	case o.HourCycle == "h23" || o.HourCycle == "h24":
		f.cycle, family = o.HourCycle, "h23"
	}
	twelve := f.cycle == "h11" || f.cycle == "h12"
	timeStyles, times := data.timeStyle[family], data.time[family]

	var datePat, timePat, glue string
	if o.DateStyle != "" || o.TimeStyle != "" {
		di, hasDate := styleIndex[o.DateStyle]
		ti, hasTime := styleIndex[o.TimeStyle]
		if hasDate {
			datePat = data.dateStyle[di]
		}
		if hasTime {
			timePat = timeStyles[ti]
		}
		if hasDate && hasTime {
			glue = data.styleGlue[di][ti]
		}
	} else {
		dateKey := ""
		switch o.Weekday {
		case "narrow", "short":
			dateKey += "E"
		case "long":
			dateKey += "EEEE"
		}
		if o.Year != "" {
			dateKey += "y"
		}
		switch o.Month {
		case "numeric", "2-digit":
			dateKey += "M"
		case "narrow", "short":
			dateKey += "MMM"
		case "long":
			dateKey += "MMMM"
		}
		if o.Day != "" {
			dateKey += "d"
		}
		if dateKey != "" {
			datePat = data.date[dateKey]
			if o.Year == "2-digit" {
				datePat = strings.ReplaceAll(datePat, "{y}", "{yy}")
			}
			if o.Month == "2-digit" {
				datePat = strings.ReplaceAll(datePat, "{M}", "{MM}")
			}
			if o.Day == "2-digit" {
				datePat = strings.ReplaceAll(datePat, "{d}", "{dd}")
			}
		}
		// Time skeletons carry the widths: "hhmm" is 2-digit hour and minute.
		width := func(letter, v string) string {
			switch v {
			case "":
				return ""
			case "2-digit":
				return letter + letter
			}
			return letter
		}
		minute := o.Minute
		if minute == "" && o.Hour != "" && o.Second != "" {
			minute = "numeric"
		}
		timeKey := width("h", o.Hour) + width("m", minute) + width("s", o.Second)
		if timeKey != "" {
			timePat = times[timeKey]
			if o.TimeZoneName != "" {
				if p, ok := times[timeKey+"z"]; ok {
					timePat = p
				} else {
					timePat += " {z}"
				}
				if o.TimeZoneName != "short" && o.TimeZoneName != "shortOffset" && o.TimeZoneName != "shortGeneric" {
					timePat = strings.ReplaceAll(timePat, "{z}", "{zz}")
				}
			}
			if o.FractionalSecondDigits > 0 {
				if i := strings.LastIndex(timePat, "s}"); i >= 0 {
					timePat = timePat[:i+2] + "{S}" + timePat[i+2:]
				}
			}
		}
		if datePat != "" && timePat != "" {
			var ok bool
			if glue, ok = data.glue[dateKey]; !ok {
				glue = data.glue["yMd"]
			}
		}
	}
	pat := datePat + timePat
	if glue != "" {
		pat = strings.NewReplacer("{1}", datePat, "{0}", timePat).Replace(glue)
	}
	f.tokens = parseDatePattern(pat)
	if !twelve {
		// A 24-hour pattern keeps its hour width whatever its letter.
		for i, t := range f.tokens {
			if t.field == "h" || t.field == "hh" {
				f.tokens[i].field = strings.ToUpper(t.field)
			}
		}
	}
	return f, nil
}

func parseDatePattern(p string) []dateToken {
	var out []dateToken
	for p != "" {
		i := strings.IndexByte(p, '{')
		j := strings.IndexByte(p, '}')
		if i < 0 || j < i {
			out = append(out, dateToken{text: p})
			break
		}
		if i > 0 {
			out = append(out, dateToken{text: p[:i]})
		}
		out = append(out, dateToken{field: p[i+1 : j]})
		p = p[j+1:]
	}
	return out
}

// resolved reports the components as the pattern shows them, for
// resolvedOptions().
func (f *dateFormatter) resolved(o *dateOptions) map[string]string {
	m := map[string]string{}
	if o.DateStyle != "" || o.TimeStyle != "" {
		return m
	}
	for _, t := range f.tokens {
		switch t.field {
		case "y", "M", "d", "h", "H", "m", "s":
			m[fieldName(t.field)] = "numeric"
		case "yy", "MM", "dd", "hh", "HH", "mm", "ss":
			m[fieldName(t.field[:1])] = "2-digit"
		}
	}
	for _, t := range f.tokens {
		if strings.HasPrefix(t.field, "L") {
			m["month"] = o.Month
		}
	}
	return m
}

func fieldName(f string) string {
	switch f {
	case "y":
		return "year"
	case "M":
		return "month"
	case "d":
		return "day"
	case "h", "H":
		return "hour"
	case "m":
		return "minute"
	}
	return "second"
}

// format formats an instant, in milliseconds since the epoch, into parts.
func (f *dateFormatter) format(ms float64) []numberPart {
	sec := math.Floor(ms / 1000)
	t := time.Unix(int64(sec), int64((ms-sec*1000)*1e6)).In(f.loc)
	two := func(n int) string { return fmt.Sprintf("%02d", n) }
	var parts []numberPart
	for _, tok := range f.tokens {
		if tok.field == "" {
			parts = append(parts, numberPart{"literal", tok.text})
			continue
		}
		switch tok.field {
		case "y":
			parts = append(parts, numberPart{"year", strconv.Itoa(t.Year())})
		case "yy":
			parts = append(parts, numberPart{"year", two(((t.Year() % 100) + 100) % 100)})
		case "M":
			parts = append(parts, numberPart{"month", strconv.Itoa(int(t.Month()))})
		case "MM":
			parts = append(parts, numberPart{"month", two(int(t.Month()))})
		case "d":
			parts = append(parts, numberPart{"day", strconv.Itoa(t.Day())})
		case "dd":
			parts = append(parts, numberPart{"day", two(t.Day())})
		case "h", "H":
			parts = append(parts, numberPart{"hour", strconv.Itoa(f.hour(t.Hour()))})
		case "hh", "HH":
			parts = append(parts, numberPart{"hour", two(f.hour(t.Hour()))})
		case "m":
			parts = append(parts, numberPart{"minute", strconv.Itoa(t.Minute())})
		case "mm":
			parts = append(parts, numberPart{"minute", two(t.Minute())})
		case "s":
			parts = append(parts, numberPart{"second", strconv.Itoa(t.Second())})
		case "ss":
			parts = append(parts, numberPart{"second", two(t.Second())})
		case "S":
			frac := fmt.Sprintf("%03d", t.Nanosecond()/1e6)[:f.fsd]
			parts = append(parts, numberPart{"literal", f.decimal}, numberPart{"fractionalSecond", frac})
		case "a":
			p := f.data.am
			if t.Hour() >= 12 {
				p = f.data.pm
			}
			parts = append(parts, numberPart{"dayPeriod", p})
		case "z", "zz":
			parts = append(parts, numberPart{"timeZoneName", f.zoneName(t, tok.field == "zz")})
		default:
			n, _ := strconv.Atoi(tok.field[1:])
			if n < len(f.data.lists) {
				typ, i := "month", int(t.Month())-1
				if tok.field[0] == 'E' {
					typ, i = "weekday", int(t.Weekday())
				}
				parts = append(parts, numberPart{typ, f.data.lists[n][i]})
			}
		}
	}
	return parts
}

func (f *dateFormatter) hour(h int) int {
	switch f.cycle {
	case "h11":
		return h % 12
	case "h12":
		if h%12 == 0 {
			return 12
		}
		return h % 12
	case "h24":
		if h == 0 {
			return 24
		}
	}
	return h
}

// zoneName is "UTC" for UTC and the locale's GMT format ("GMT+3",
// "UTC+5:30") for any other zone: b24run has no metazone names ("EST",
// "Moscow Standard Time").
func (f *dateFormatter) zoneName(t time.Time, long bool) string {
	if f.zone == "UTC" {
		if long {
			return f.data.utcLong
		}
		return f.data.utcShort
	}
	_, off := t.Zone()
	if off == 0 {
		return strings.Replace(f.data.gmtFormat, "{0}", "", 1)
	}
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	h, m := off/3600, off%3600/60
	var s string
	switch {
	case long:
		s = fmt.Sprintf("%s%02d%s%02d", sign, h, f.data.gmtSep, m)
	case m != 0:
		s = fmt.Sprintf("%s%d%s%02d", sign, h, f.data.gmtSep, m)
	default:
		s = fmt.Sprintf("%s%d", sign, h)
	}
	return strings.Replace(f.data.gmtFormat, "{0}", s, 1)
}

func icuZoneName(name string) string {
	if n, ok := icuZoneNames[name]; ok {
		return n
	}
	return name
}

// utcAliases are the names that ECMA-402 canonicalizes to "UTC".
var utcAliases = map[string]bool{
	"utc": true, "etc/utc": true, "etc/uct": true, "uct": true, "etc/gmt": true, "gmt": true,
	"etc/universal": true, "universal": true, "etc/zulu": true, "zulu": true, "etc/gmt0": true,
	"etc/gmt+0": true, "etc/gmt-0": true, "etc/greenwich": true, "greenwich": true, "gmt0": true,
	"gmt+0": true, "gmt-0": true,
}

// canonicalZone checks an IANA time zone name and returns it as
// resolvedOptions shows it; ok is false for an unknown name.
func canonicalZone(name string) (string, bool) {
	if utcAliases[strings.ToLower(name)] {
		return "UTC", true
	}
	if name == "" || name == "Local" || strings.ContainsAny(name, ".\\") || strings.HasPrefix(name, "/") {
		return "", false
	}
	if _, err := time.LoadLocation(name); err == nil {
		return icuZoneName(name), true
	}
	// IANA names are case-insensitive in ECMA-402: try the usual casing.
	parts := strings.Split(strings.ToLower(name), "/")
	for i, p := range parts {
		words := strings.Split(p, "_")
		for j, w := range words {
			if w != "" && !(j > 0 && (w == "of" || w == "es" || w == "au")) {
				words[j] = strings.ToUpper(w[:1]) + w[1:]
			}
		}
		parts[i] = strings.Join(words, "_")
	}
	if len(parts) > 0 && len(parts[0]) <= 3 {
		parts[0] = strings.ToUpper(parts[0])
	}
	fixed := strings.Join(parts, "/")
	if _, err := time.LoadLocation(fixed); err == nil {
		return icuZoneName(fixed), true
	}
	return "", false
}

// icuZoneNames are the zones that ICU, and so Node, names by their older
// IANA name.
var icuZoneNames = map[string]string{
	"Asia/Kolkata": "Asia/Calcutta", "Europe/Kyiv": "Europe/Kiev", "Asia/Ho_Chi_Minh": "Asia/Saigon",
	"Asia/Kathmandu": "Asia/Katmandu", "Asia/Yangon": "Asia/Rangoon", "America/Nuuk": "America/Godthab",
	"America/Argentina/Buenos_Aires": "America/Buenos_Aires", "Atlantic/Faroe": "Atlantic/Faeroe",
	"America/Indiana/Indianapolis": "America/Indianapolis", "America/Kentucky/Louisville": "America/Louisville",
	"Pacific/Chuuk": "Pacific/Truk", "Pacific/Pohnpei": "Pacific/Ponape",
}

func loadZone(name string) (*time.Location, error) {
	if name == "UTC" {
		return time.UTC, nil
	}
	return time.LoadLocation(name)
}

// defaultTimeZone names the runtime's time zone, the one Date's local-time
// methods use (time.Local: TZ, else /etc/localtime, else UTC).
func defaultTimeZone() string {
	if tz, ok := os.LookupEnv("TZ"); ok {
		if z, ok := canonicalZone(strings.TrimPrefix(tz, ":")); ok {
			return z
		}
		return "UTC"
	}
	if target, err := os.Readlink("/etc/localtime"); err == nil {
		if _, after, ok := strings.Cut(target, "zoneinfo/"); ok {
			if z, ok := canonicalZone(after); ok {
				return z
			}
		}
	}
	return "UTC"
}

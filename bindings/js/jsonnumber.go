package js

import (
	"github.com/dop251/goja"

	"github.com/b24run/b24run/internal/jsonscan"
)

// number converts the number that starts at data[i] and returns the offset
// after it.
func (d *jsonDecoder) number(data []byte, i int) (goja.Value, int, error) {
	text, _, end, err := jsonscan.Number(data, i)
	if err != nil {
		return nil, end, err
	}
	v, err := d.numberValue(text)
	return v, end, err
}

// numberValue is the JS number JSON.parse makes of a number's text. Short
// integers (jsonscan.Int: at most 15 digits, all below 2^53) are read
// exactly without strconv. Everything else is a float64, which goja keeps
// an integer when it is a whole number within ±2^53 (goja's maxInt) and a
// float otherwise: integers beyond 2^53 lose precision exactly as they do
// in JSON.parse, and "-0" stays the negative zero (Object.is(x, -0)).
func (d *jsonDecoder) numberValue(text []byte) (goja.Value, error) {
	if n, ok := jsonscan.Int(text); ok {
		return d.rt.ToValue(n), nil
	}
	f, err := jsonscan.Float(text)
	if err != nil {
		return nil, syntaxError(0, "invalid number "+string(text))
	}
	return d.rt.ToValue(f), nil
}

package hook

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/b24run/b24run/internal/jsonscan"
)

// Response is one successful answer of the portal.
type Response struct {
	// Result is the raw bytes of the envelope's "result", kept so that script
	// bindings convert them once, straight into their own values.
	Result json.RawMessage
	// Total is the envelope's "total" (list methods counting their rows).
	Total    int
	HasTotal bool
	// Next is the start of the next page, present only when one exists.
	Next    int
	HasNext bool
	// Time is the envelope's "time" block.
	Time Time
	// Status is the HTTP status (200).
	Status int
	// Method is the method called.
	Method string
}

// Time is the "time" block of an answer. Every field is optional on the wire:
// batch rows lack some, and on-premise portals may omit the operating fields.
type Time struct {
	Start      float64 `json:"start"`
	Finish     float64 `json:"finish"`
	Duration   float64 `json:"duration"`
	Processing float64 `json:"processing"`
	DateStart  string  `json:"date_start,omitempty"`
	DateFinish string  `json:"date_finish,omitempty"`
	// Operating is the running total of seconds the portal charged to this
	// method for this webhook within its 10-minute window (not this call's cost).
	Operating float64 `json:"operating"`
	// OperatingResetAt is the unix time when the oldest minute of that window
	// drops out.
	OperatingResetAt int64 `json:"operating_reset_at"`
	// HasOperating reports whether the answer carried the operating fields.
	HasOperating bool `json:"-"`
}

// ResetAt returns OperatingResetAt as a time.Time (zero when absent).
func (t Time) ResetAt() time.Time {
	if t.OperatingResetAt == 0 {
		return time.Time{}
	}
	return time.Unix(t.OperatingResetAt, 0)
}

// UnmarshalJSON accepts numbers as numbers or strings, as portals send both,
// and PHP's empty array for an empty block.
func (t *Time) UnmarshalJSON(data []byte) error {
	var out Time
	data = bytes.TrimSpace(data)
	if len(data) == 0 || data[0] == '[' || string(data) == "null" {
		*t = out
		return nil
	}
	_, err := jsonscan.Object(data, 0, func(key []byte, _ bool, v []byte) error {
		f, _ := flexFloat(v)
		switch string(key) {
		case "start":
			out.Start = f
		case "finish":
			out.Finish = f
		case "duration":
			out.Duration = f
		case "processing":
			out.Processing = f
		case "date_start":
			out.DateStart = jsonString(v)
		case "date_finish":
			out.DateFinish = jsonString(v)
		case "operating":
			out.Operating, out.HasOperating = f, true
		case "operating_reset_at":
			out.OperatingResetAt = int64(f)
		}
		return nil
	})
	*t = out
	return err
}

// jsonString decodes a JSON string value; anything else is "".
func jsonString(v []byte) string {
	raw, escaped, _, err := jsonscan.String(v, 0)
	if err != nil {
		return ""
	}
	s, _ := jsonscan.Key(raw, escaped)
	return s
}

// flexFloat reads a JSON number or a numeric string.
func flexFloat(raw json.RawMessage) (float64, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return 0, false
	}
	s := string(raw)
	if raw[0] == '"' {
		if err := json.Unmarshal(raw, &s); err != nil {
			return 0, false
		}
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return f, err == nil
}

// envelope is the members of an answer b24run reads, as subslices of it.
type envelope struct {
	result, total, next, time, err, errDescription []byte
}

// readEnvelope splits an answer into its members in one pass.
func readEnvelope(body []byte) (envelope, bool) {
	var env envelope
	start := jsonscan.SkipSpace(body, 0)
	end, err := jsonscan.Object(body, start, func(key []byte, _ bool, v []byte) error {
		switch string(key) {
		case "result":
			env.result = v
		case "total":
			env.total = v
		case "next":
			env.next = v
		case "time":
			env.time = v
		case "error":
			env.err = v
		case "error_description":
			env.errDescription = v
		}
		return nil
	})
	return env, err == nil && jsonscan.SkipSpace(body, end) == len(body)
}

// parseEnvelope decodes an answer body. It returns a *Error for error bodies
// (v1 and v3 shapes) whatever the status, and for bodies that are not JSON.
// The Response's raw parts are subslices of body.
func parseEnvelope(method string, status int, body []byte) (*Response, error) {
	env, ok := readEnvelope(body)
	if !ok {
		return nil, nonJSONError(method, status)
	}
	if len(env.err) > 0 && string(env.err) != "null" {
		if e := bodyError(method, status, env.err, env.errDescription); e != nil {
			return nil, e
		}
	}
	if status < 200 || status > 299 {
		return nil, &Error{Code: statusCode(status), Description: fmt.Sprintf("Request failed with status code %d", status), Status: status, Method: method}
	}
	if env.result == nil {
		return nil, &Error{Code: CodeUnexpected, Description: "the answer has neither result nor error", Status: status, Method: method}
	}
	r := &Response{Result: env.result, Status: status, Method: method}
	if f, ok := flexFloat(env.total); ok {
		r.Total, r.HasTotal = int(f), true
	}
	if f, ok := flexFloat(env.next); ok {
		r.Next, r.HasNext = int(f), true
	}
	if env.time != nil {
		if err := r.Time.UnmarshalJSON(env.time); err != nil {
			return nil, &Error{Code: CodeUnexpected, Description: "unreadable time block: " + err.Error(), Status: status, Method: method}
		}
	}
	return r, nil
}

// bodyError reads the v1 shape {"error":"CODE","error_description":"..."} and
// the v3 shape {"error":{"code","message","validation"}}.
func bodyError(method string, status int, errRaw, descRaw json.RawMessage) *Error {
	e := &Error{Status: status, Method: method}
	var code string
	if json.Unmarshal(errRaw, &code) == nil {
		e.Code = code
		_ = json.Unmarshal(descRaw, &e.Description)
		if e.Code == "0" {
			e.Code = "JSSDK_RESPONSE_ERROR"
		}
		return e
	}
	var v3 struct {
		Code       string `json:"code"`
		Message    string `json:"message"`
		Validation []struct {
			Message string `json:"message"`
			Field   string `json:"field"`
		} `json:"validation"`
	}
	if json.Unmarshal(errRaw, &v3) != nil || v3.Code == "" {
		return nil
	}
	e.Code = v3.Code
	e.Description = strings.TrimRight(v3.Message, " \t\r\n")
	var msgs []string
	for _, v := range v3.Validation {
		m := v.Message
		if m == "" {
			m = fmt.Sprintf(`{"field":%q}`, v.Field)
		}
		msgs = append(msgs, m)
	}
	if len(msgs) > 0 {
		e.Validation = msgs
		if !strings.HasSuffix(e.Description, ".") {
			e.Description += "."
		}
		e.Description += " " + strings.Join(msgs, " ")
	}
	return e
}

func nonJSONError(method string, status int) *Error {
	if status >= 200 && status < 300 {
		return &Error{Code: CodeUnexpected, Description: "the portal answered with something that is not JSON", Status: status, Method: method}
	}
	return &Error{Code: statusCode(status), Description: fmt.Sprintf("Request failed with status code %d", status), Status: status, Method: method}
}

func statusCode(status int) string {
	if status >= 500 {
		return CodeBadResponse
	}
	return CodeBadRequest
}

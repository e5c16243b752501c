package hook

import (
	"errors"
	"testing"
)

func TestParseEnvelope(t *testing.T) {
	cases := []struct {
		name   string
		status int
		body   string
		code   string // want error code; "" = success
		desc   string
		check  func(t *testing.T, r *Response)
	}{
		{name: "success with time", status: 200,
			body: `{"result":{"ID":"1"},"total":"120","next":50,"time":{"start":1757424671.5,"finish":1757424672.2,"duration":0.69,"processing":0.67,"date_start":"2025-09-09T16:31:11+03:00","operating_reset_at":1757425271,"operating":0.6726}}`,
			check: func(t *testing.T, r *Response) {
				if string(r.Result) != `{"ID":"1"}` || r.Total != 120 || !r.HasTotal || r.Next != 50 || !r.HasNext {
					t.Errorf("got %+v", r)
				}
				if !r.Time.HasOperating || r.Time.Operating != 0.6726 || r.Time.OperatingResetAt != 1757425271 {
					t.Errorf("time %+v", r.Time)
				}
			}},
		{name: "on-premise time without operating", status: 200, body: `{"result":true,"time":{"start":1,"finish":2}}`,
			check: func(t *testing.T, r *Response) {
				if r.Time.HasOperating || r.HasNext {
					t.Errorf("got %+v", r)
				}
			}},
		{name: "null and empty time", status: 200, body: `{"result":1,"time":null}`,
			check: func(t *testing.T, r *Response) {
				if r.Time.Start != 0 || r.Time.HasOperating {
					t.Errorf("time %+v", r.Time)
				}
			}},
		{name: "php empty time", status: 200, body: `{"result":1,"time":[]}`,
			check: func(t *testing.T, r *Response) {}},
		{name: "trailing garbage", status: 200, body: `{"result":1} x`, code: CodeUnexpected},
		{name: "null result", status: 200, body: `{"result":null}`,
			check: func(t *testing.T, r *Response) {
				if string(r.Result) != "null" {
					t.Errorf("result %s", r.Result)
				}
			}},
		{name: "v1 error", status: 400, body: `{"error":"INVALID_ARG_VALUE","error_description":"Invalid filter"}`, code: "INVALID_ARG_VALUE", desc: "Invalid filter"},
		{name: "legacy empty code", status: 400, body: `{"error":"","error_description":"Not found"}`, code: "", desc: "Not found"},
		{name: "error with 200", status: 200, body: `{"error":"ERROR_CORE","error_description":"Task title is not specified\u003Cbr\u003E"}`, code: "ERROR_CORE", desc: "Task title is not specified<br>"},
		{name: "code zero", status: 400, body: `{"error":"0","error_description":"Invalid sorting key"}`, code: "JSSDK_RESPONSE_ERROR"},
		{name: "v3 validation", status: 400, body: `{"error":{"code":"BITRIX_REST_V3_EXCEPTION_VALIDATION_REQUESTVALIDATIONEXCEPTION","message":"Validation failed","validation":[{"message":"id required","field":"id"},{"message":"x bad"}]}}`,
			code: "BITRIX_REST_V3_EXCEPTION_VALIDATION_REQUESTVALIDATIONEXCEPTION", desc: "Validation failed. id required x bad"},
		{name: "html 502", status: 502, body: `<html><body>502 Bad Gateway</body></html>`, code: CodeBadResponse, desc: "Request failed with status code 502"},
		{name: "html 404", status: 404, body: `<html>nope</html>`, code: CodeBadRequest},
		{name: "200 not json", status: 200, body: `hello`, code: CodeUnexpected},
		{name: "500 empty", status: 500, body: ``, code: CodeBadResponse},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := parseEnvelope("m", c.status, []byte(c.body))
			if c.check != nil {
				if err != nil {
					t.Fatal(err)
				}
				c.check(t, r)
				return
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("want error, got %v", err)
			}
			if e.Code != c.code || (c.desc != "" && e.Description != c.desc) || e.Status != c.status || e.Method != "m" {
				t.Errorf("got %+v", e)
			}
		})
	}
}

func TestErrorIs(t *testing.T) {
	e := &Error{Code: "query_limit_exceeded", Status: 503, Method: "crm.deal.list"}
	if !errors.Is(e, ErrQueryLimit) || errors.Is(e, ErrOperatingLimit) || errors.Is(e, ErrOutcomeUnknown) {
		t.Error("Is by code failed")
	}
	e.OutcomeUnknown = true
	if !errors.Is(e, ErrOutcomeUnknown) {
		t.Error("Is(ErrOutcomeUnknown) failed")
	}
	if got := e.Error(); got != "query_limit_exceeded (crm.deal.list, HTTP 503); the portal may have executed the call, so it was not repeated: outcome unknown" {
		t.Errorf("Error() = %q", got)
	}
	if (&Error{Code: "X", Method: "m"}).Message() != "X (on m)" {
		t.Error("Message without description")
	}
}

func TestIsReadOnly(t *testing.T) {
	reads := []string{"crm.deal.list", "crm.deal.get", "CRM.ITEM.LIST", "crm.item.fields", "user.current", "server.time",
		"profile", "tasks.task.list", "disk.folder.getchildren", "disk.storage.getList", "task.commentitem.getlist", "methods"}
	writes := []string{"crm.deal.add", "crm.deal.update", "crm.item.delete", "tasks.task.add", "im.notify.system.add",
		"batch", "crm.timeline.comment.add", "disk.file.getExternalLink", "unknown", "", "event.bind", "im.notify.read"}
	for _, m := range reads {
		if !IsReadOnly(m) {
			t.Errorf("%q should be a read", m)
		}
	}
	for _, m := range writes {
		if IsReadOnly(m) {
			t.Errorf("%q should count as a write", m)
		}
	}
}

// FuzzParseEnvelope feeds arbitrary answers to the envelope and batch
// decoders: whatever the portal (or a proxy in front of it) sends, they
// return a result or an *Error, and never panic.
func FuzzParseEnvelope(f *testing.F) {
	for _, s := range []string{
		`{"result":{"ID":"1"},"total":"120","next":50,"time":{"start":1,"operating":0.5,"operating_reset_at":17}}`,
		`{"error":"INVALID_ARG_VALUE","error_description":"x"}`,
		`{"error":{"code":"V3","message":"m","validation":[{"message":"a"},{"field":"f"}]}}`,
		`{"result":{"result":[{"ID":"1"},null],"result_error":{"1":"CODE"},"result_total":[],"result_next":{"0":50},"result_time":[{"start":1}]},"time":[]}`,
		`<html>502</html>`, `{"result":null,"time":null}`, `[]`,
	} {
		f.Add(200, []byte(s))
		f.Add(502, []byte(s))
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		resp, err := parseEnvelope("m", status, body)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("non-*Error %T", err)
			}
			return
		}
		cmds := []Command{{Method: "a.get"}, {Method: "b.get"}, {Name: "", Method: "c.get"}}
		if res, err := decodeBatch(cmds, resp); err == nil && len(res.Commands) != len(cmds) {
			t.Fatal("lost commands")
		}
		_, _ = splitRows("m", resp.Result, "items")
		_, _ = splitRows("m", resp.Result, "")
		detectResultKey(resp.Result)
		rowID(resp.Result, "ID")
	})
}

package hook

import (
	"errors"
	"strings"
	"testing"
)

func TestFromWebhookURLValidation(t *testing.T) {
	const secret = "k32t88gf3azpmwv3"
	cases := []struct {
		name, url  string
		code       string // "" for success
		origin     string
		userID     int
		loopbackOK bool
	}{
		{"empty", "   ", CodeURLEmpty, "", 0, false},
		{"no scheme", "rest/1/" + secret, CodeURLInvalid, "", 0, false},
		{"garbage", "https://%zz", CodeURLInvalid, "", 0, false},
		{"plain http", "http://x.bitrix24.com/rest/1/" + secret, CodeURLNotHTTPS, "", 0, false},
		{"plain http loopback without option", "http://127.0.0.1:8080/rest/1/" + secret, CodeURLNotHTTPS, "", 0, false},
		{"plain http loopback with option", "http://127.0.0.1:8080/rest/1/" + secret, "", "http://127.0.0.1:8080", 1, true},
		{"plain http remote with option", "http://x.bitrix24.com/rest/1/" + secret, CodeURLNotHTTPS, "", 0, true},
		{"extra segment", "https://x.bitrix24.com/rest/1/" + secret + "/extra", CodeURLMalformed, "", 0, false},
		{"no rest", "https://x.bitrix24.com/api/1/" + secret, CodeURLMalformed, "", 0, false},
		{"prefixed", "https://x.bitrix24.com/sub/rest/1/" + secret, CodeURLMalformed, "", 0, false},
		{"missing user", "https://x.bitrix24.com/rest/" + secret, CodeURLMalformed, "", 0, false},
		{"user not numeric", "https://x.bitrix24.com/rest/abc/" + secret, CodeURLUserID, "", 0, false},
		{"ok", "https://x.bitrix24.com/rest/1/" + secret + "/", "", "https://x.bitrix24.com", 1, false},
		{"v3 form", "https://x.bitrix24.com/rest/api/7/" + secret, "", "https://x.bitrix24.com", 7, false},
		{"spaces, query, fragment", "  https://x.bitrix24.com/rest/1/" + secret + "/?a=b#c  ", "", "https://x.bitrix24.com", 1, false},
		{"upper case scheme and host", "HTTPS://X.Bitrix24.com/rest/1/" + secret, "", "https://x.bitrix24.com", 1, false},
		{"port kept", "https://x.bitrix24.com:8443/rest/1/" + secret, "", "https://x.bitrix24.com:8443", 1, false},
		{"default port dropped", "https://x.bitrix24.com:443/rest/1/" + secret, "", "https://x.bitrix24.com", 1, false},
		{"leading zero user", "https://x.bitrix24.com/rest/01/" + secret, "", "https://x.bitrix24.com", 1, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var opts []Option
			if c.loopbackOK {
				opts = append(opts, WithLoopbackHTTP())
			}
			cl, err := FromWebhookURL(c.url, opts...)
			if c.code != "" {
				var e *Error
				if !errors.As(err, &e) || e.Code != c.code {
					t.Fatalf("want %s, got %v", c.code, err)
				}
				if strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), "bitrix24.com") {
					t.Errorf("error echoes the URL: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if cl.TargetOrigin() != c.origin || cl.UserID() != c.userID {
				t.Errorf("got %s user %d, want %s user %d", cl.TargetOrigin(), cl.UserID(), c.origin, c.userID)
			}
			for _, s := range []string{cl.String(), cl.GoString()} {
				if strings.Contains(s, secret) {
					t.Errorf("%q shows the secret", s)
				}
			}
		})
	}
}

func TestNewValidatesParams(t *testing.T) {
	cases := []struct {
		name string
		p    Params
		ok   bool
	}{
		{"ok", Params{"https://x.bitrix24.com", 1, "abc"}, true},
		{"bare domain", Params{"x.bitrix24.com", 1, "abc"}, true},
		{"trailing slash", Params{"https://x.bitrix24.com/", 1, "abc"}, true},
		{"http", Params{"http://x.bitrix24.com", 1, "abc"}, false},
		{"path", Params{"https://x.bitrix24.com/rest", 1, "abc"}, false},
		{"zero user", Params{"https://x.bitrix24.com", 0, "abc"}, false},
		{"empty secret", Params{"https://x.bitrix24.com", 1, ""}, false},
		{"slash in secret", Params{"https://x.bitrix24.com", 1, "a/b"}, false},
	}
	for _, c := range cases {
		cl, err := New(c.p)
		if (err == nil) != c.ok {
			t.Errorf("%s: err = %v", c.name, err)
		}
		if err != nil && c.p.Secret != "" && strings.Contains(err.Error(), c.p.Secret) {
			t.Errorf("%s: error shows the secret", c.name)
		}
		if err == nil && cl.TargetOrigin() != "https://x.bitrix24.com" {
			t.Errorf("%s: origin %s", c.name, cl.TargetOrigin())
		}
	}
}

func TestEscapeMethod(t *testing.T) {
	for in, want := range map[string]string{
		"crm.deal.list": "crm.deal.list", "imbot.v2.Bot.register": "imbot.v2.Bot.register",
		"some method/x": "some%20method%2Fx", "a?b#c": "a%3Fb%23c",
	} {
		if got := escapeMethod(in); got != want {
			t.Errorf("escapeMethod(%q) = %q, want %q", in, got, want)
		}
	}
}

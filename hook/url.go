package hook

import (
	"net"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// Params are the three parts of an inbound webhook, for New.
type Params struct {
	B24URL string // portal origin, e.g. "https://company.bitrix24.com"
	UserID int    // id of the user who created the webhook
	Secret string // the webhook code
}

// Codes of construction errors; the same codes and messages as the official
// SDK's B24Hook.fromWebhookUrl. None of the messages echoes the URL.
const (
	CodeURLEmpty      = "JSSDK_HOOK_URL_EMPTY"
	CodeURLInvalid    = "JSSDK_HOOK_URL_INVALID"
	CodeURLNotHTTPS   = "JSSDK_HOOK_URL_NOT_HTTPS"
	CodeURLMalformed  = "JSSDK_HOOK_URL_MALFORMED"
	CodeURLUserID     = "JSSDK_HOOK_URL_USER_ID_NOT_NUMERIC"
	CodeParamsInvalid = "JSSDK_HOOK_PARAMS_INVALID"
)

var digits = regexp.MustCompile(`^\d+$`)

// parseWebhookURL validates a webhook URL in the official SDK's order of
// checks and splits it into Params.
func parseWebhookURL(raw string, allowLoopbackHTTP bool) (Params, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return Params{}, &Error{Code: CodeURLEmpty, Description: "Webhook URL cannot be empty"}
	}
	raw = strings.Replace(raw, "/rest/api", "/rest", 1)
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.Host == "" || u.Opaque != "" {
		return Params{}, &Error{Code: CodeURLInvalid, Description: "Invalid webhook URL format"}
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "https" && !(scheme == "http" && allowLoopbackHTTP && isLoopback(u.Hostname())) {
		return Params{}, &Error{Code: CodeURLNotHTTPS, Description: "Webhook requires HTTPS protocol"}
	}
	var segs []string
	for _, s := range strings.Split(u.EscapedPath(), "/") {
		if s != "" {
			segs = append(segs, s)
		}
	}
	if len(segs) != 3 || segs[0] != "rest" {
		return Params{}, &Error{Code: CodeURLMalformed, Description: "Webhook URL must follow format: /rest/<userId>/<secret> or /rest/api/<userId>/<secret>"}
	}
	if !digits.MatchString(segs[1]) {
		return Params{}, &Error{Code: CodeURLUserID, Description: "User ID must be numeric in webhook URL"}
	}
	id, err := strconv.Atoi(segs[1])
	if err != nil || id <= 0 {
		return Params{}, &Error{Code: CodeURLUserID, Description: "User ID must be numeric in webhook URL"}
	}
	return Params{B24URL: scheme + "://" + u.Host, UserID: id, Secret: segs[2]}, nil
}

// normalizeOrigin checks a portal URL given on its own and returns its origin
// (scheme, lower-cased host, port unless default).
func normalizeOrigin(raw string, allowLoopbackHTTP bool) (string, error) {
	raw = strings.TrimSpace(raw)
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw // the SDK accepts a bare domain
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "", &Error{Code: CodeParamsInvalid, Description: "b24Url is not a valid portal URL"}
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "https" && !(scheme == "http" && allowLoopbackHTTP && isLoopback(u.Hostname())) {
		return "", &Error{Code: CodeURLNotHTTPS, Description: "Webhook requires HTTPS protocol"}
	}
	if p := strings.Trim(u.Path, "/"); p != "" {
		return "", &Error{Code: CodeParamsInvalid, Description: "b24Url must be the portal origin without a path"}
	}
	host := strings.ToLower(u.Hostname())
	port := u.Port()
	if (scheme == "https" && port == "443") || (scheme == "http" && port == "80") {
		port = ""
	}
	if port != "" {
		host = net.JoinHostPort(host, port)
	} else if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	return scheme + "://" + host, nil
}

// isLoopback reports whether host names this machine: localhost or a
// loopback IP. Plain HTTP is allowed only there (the sandbox portal).
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// escapeMethod percent-encodes a method name as encodeURIComponent does.
func escapeMethod(method string) string {
	var b strings.Builder
	for i := 0; i < len(method); i++ {
		c := method[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-_.!~*'()", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		const hex = "0123456789ABCDEF"
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&0xf])
	}
	return b.String()
}

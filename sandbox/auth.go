package sandbox

import (
	"crypto/subtle"
	"strconv"
	"strings"
)

// routeKind classifies a /rest/ path.
type routeKind uint8

const (
	routeWebhook routeKind = iota // /rest/{uid}/{secret}/{method}
	routeNoAuth                   // /rest/{method}: OAuth style, needs auth= which the sandbox does not issue
	routeBadPath                  // anything else, e.g. /rest/{secret}/{method}
)

// route is a parsed /rest/ path.
type route struct {
	kind   routeKind
	v3     bool
	uid    string
	secret string
	method string
}

// parseRoute splits /rest/{uid}/{secret}/{method}[.json][/] and the v3 form
// /rest/api/{uid}/{secret}/{method}. A path that leaves out the user id parses as a
// different method and so answers "Method not found!", as the portal does.
func parseRoute(path string) route {
	rest := strings.TrimPrefix(path, "/rest/")
	rest = strings.TrimSuffix(rest, "/")
	segs := strings.Split(rest, "/")
	var rt route
	if len(segs) > 0 && segs[0] == "api" {
		rt.v3 = true
		segs = segs[1:]
	}
	switch len(segs) {
	case 3:
		rt.kind, rt.uid, rt.secret, rt.method = routeWebhook, segs[0], segs[1], segs[2]
	case 1:
		rt.kind, rt.method = routeNoAuth, segs[0]
	default:
		// Which segment is the method is unknowable here, and one of them may be a
		// mistyped secret, so none is kept.
		rt.kind = routeBadPath
	}
	if !rt.v3 && len(rt.method) > 5 && strings.EqualFold(rt.method[len(rt.method)-5:], ".json") {
		rt.method = rt.method[:len(rt.method)-5]
	}
	if rt.method == "" {
		rt.kind = routeBadPath
	}
	return rt
}

// authorized checks the webhook credentials of a route. The secret is compared in
// constant time so response timing does not leak it.
func (p *Portal) authorized(rt route) bool {
	uid, err := strconv.Atoi(rt.uid)
	uidOK := err == nil && uid == p.userID
	secretOK := subtle.ConstantTimeCompare([]byte(rt.secret), []byte(p.secret)) == 1
	return uidOK && secretOK
}

package hook

import "strings"

// IsReadOnly reports whether a REST method only reads. It decides two things:
// whether a call that may have run can be replayed after a failure, and
// whether a dry run may send it to the portal. Anything not known to be a read
// counts as a write, so the mistake it can make is the safe one.
func IsReadOnly(method string) bool {
	m := strings.ToLower(strings.TrimSpace(method))
	switch m {
	case "user.current", "server.time", "profile", "methods", "method.get", "scope",
		"app.info", "user.get", "user.search", "department.get", "feature.get",
		"event.get", "events", "placement.list", "access.name", "user.access",
		"crm.enum.fields", "crm.enum.ownertype", "crm.enum.contenttype", "crm.enum.activitytype",
		"crm.multifield.fields", "rest.scope.list", "documentation":
		return true
	}
	dot := strings.LastIndexByte(m, '.')
	if dot < 0 {
		return false
	}
	switch m[dot+1:] {
	case "get", "list", "fields", "getlist", "getfields", "getchildren", "search", "tail",
		"count", "aggregate":
		return true
	}
	return false
}

// batchIsReadOnly reports whether every command of a batch only reads.
func batchIsReadOnly(cmds []Command) bool {
	for _, c := range cmds {
		if !IsReadOnly(c.Method) {
			return false
		}
	}
	return true
}

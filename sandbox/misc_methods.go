package sandbox

import (
	"net/http"
	"strings"
	"time"
)

// registerMisc adds the basic, user and im methods scripts commonly call, and the
// app-only event/placement methods, which refuse webhook callers.
func registerMisc(m methodTable) {
	m.add("user.current", userCurrent)
	m.add("user.get", userGet)
	m.add("profile", profile)
	m.add("server.time", serverTime)
	m.add("scope", scope)
	m.add("methods", methodsList)
	m.add("method.get", methodGet)
	m.add("im.notify.system.add", notifyAdd("SYSTEM"))
	m.add("im.notify.personal.add", notifyAdd("USER"))
	m.add("im.notify", notifyAdd(""))
	for _, name := range []string{"event.bind", "event.unbind", "event.get", "event.test", "placement.bind", "placement.unbind"} {
		m.add(name, appOnly)
	}
}

// webhookScopes are the scopes the sandbox's webhook is granted.
func webhookScopes() []string { return []string{"crm", "task", "user", "im"} }

func appOnly(*call) (methodResult, *apiError) { return methodResult{}, errWrongAuthType() }

func userCurrent(c *call) (methodResult, *apiError) {
	t, aerr := c.table("user")
	if aerr != nil {
		return methodResult{}, aerr
	}
	rec := t.get(c.p.userID)
	if rec == nil {
		// The webhook's user was deleted through Delete: the portal would refuse the
		// webhook altogether.
		return methodResult{}, errInvalidCredentials()
	}
	return methodResult{result: t.render(rec, t.allColumns(), viewUser)}, nil
}

// userGet takes `sort` and `order` as strings and the filter either as FILTER or
// as top-level field keys (user-get.md).
func userGet(c *call) (methodResult, *apiError) {
	t, aerr := c.table("user")
	if aerr != nil {
		return methodResult{}, aerr
	}
	params := foldKeys(c.params)
	filter, present, _ := paramObject(params, "filter")
	if !present {
		filter = newObject()
		for _, k := range c.params.keys {
			switch strings.ToLower(k) {
			case "sort", "order", "start", "admin_mode", "select":
				continue
			}
			filter.set(k, c.params.vals[k])
		}
	}
	g, aerr := compileFilter(t, filter, byUpperName, false, c.loc)
	if aerr != nil {
		return methodResult{}, aerr
	}
	var keys []orderKey
	if sortField := strings.ToUpper(strings.TrimSpace(phpString(params.value("sort")))); sortField != "" {
		if col, ok := t.byName[sortField]; ok {
			keys = append(keys, orderKey{col: col, desc: strings.EqualFold(phpString(params.value("order")), "DESC")})
		}
	}
	offset, count := parseStart(params.value("start"))
	q := listQuery{filter: g, order: keys, offset: offset, count: count}
	page := t.list(q, c.loc)
	c.listed(t, q, page)
	rows := make([]any, len(page.recs))
	for i, rec := range page.recs {
		rows[i] = t.render(rec, t.allColumns(), viewUser)
	}
	return methodResult{result: rows, hasTotal: true, total: page.total, next: page.next}, nil
}

func profile(c *call) (methodResult, *apiError) {
	t, aerr := c.table("user")
	if aerr != nil {
		return methodResult{}, aerr
	}
	rec := t.get(c.p.userID)
	if rec == nil {
		return methodResult{}, errInvalidCredentials()
	}
	return methodResult{result: objectOf(
		"ID", phpString(rec.val(0)),
		"ADMIN", true,
		"NAME", t.valueByName(rec, "NAME"),
		"LAST_NAME", t.valueByName(rec, "LAST_NAME"),
		"PERSONAL_GENDER", phpString(t.valueByName(rec, "PERSONAL_GENDER")),
		"TIME_ZONE", phpString(t.valueByName(rec, "TIME_ZONE")),
	)}, nil
}

func serverTime(c *call) (methodResult, *apiError) {
	return methodResult{result: time.Now().In(c.loc).Format(isoLayout)}, nil
}

func scope(*call) (methodResult, *apiError) {
	return methodResult{result: webhookScopes()}, nil
}

func methodsList(c *call) (methodResult, *apiError) {
	return methodResult{result: c.p.methods.names()}, nil
}

func methodGet(c *call) (methodResult, *apiError) {
	name := phpString(foldKeys(c.params).value("name"))
	_, ok := c.p.methods.lookup(name)
	return methodResult{result: objectOf("isExisting", ok, "isAvailable", ok)}, nil
}

// notifyAdd implements im.notify.system.add / personal.add / im.notify, which store
// a notification and return its id. typ "" reads TYPE (USER or SYSTEM).
func notifyAdd(typ string) methodFunc {
	return func(c *call) (methodResult, *apiError) {
		t, aerr := c.table("notify")
		if aerr != nil {
			return methodResult{}, aerr
		}
		params := foldKeys(c.params)
		userID, ok := paramID(params, "user_id")
		if !ok {
			userID, ok = paramID(params, "to")
		}
		if !ok {
			return methodResult{}, newError(http.StatusBadRequest, "USER_ID_EMPTY", "Recipient user ID can't be empty")
		}
		message := phpString(params.value("message"))
		if strings.TrimSpace(message) == "" {
			return methodResult{}, newError(http.StatusBadRequest, "MESSAGE_EMPTY", "Message can't be empty")
		}
		kind := typ
		if kind == "" {
			kind = "USER"
			if strings.EqualFold(phpString(params.value("type")), "SYSTEM") {
				kind = "SYSTEM"
			}
		}
		rec := t.insert(nil)
		for _, kv := range []struct {
			k string
			v any
		}{
			{"USER_ID", userID}, {"MESSAGE", message}, {"TYPE", kind},
			{"AUTHOR_ID", c.p.userID}, {"DATE_CREATE", time.Now().In(c.loc).Format(isoLayout)},
		} {
			t.setByName(rec, kv.k, kv.v, c.loc)
		}
		c.wrote(t, rec.id, "ADD")
		return methodResult{result: rec.id}, nil
	}
}

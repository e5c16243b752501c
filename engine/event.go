package engine

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Event is a Bitrix24 event as scripts receive it: the outgoing webhook's
// POST, decoded, without auth[application_token] (the token authenticates
// the POST; a script has no use for it and must not be able to leak it).
type Event struct {
	Name           string          `json:"event"`
	EventHandlerID string          `json:"event_handler_id,omitempty"`
	Data           json.RawMessage `json:"data"`
	TS             string          `json:"ts"`
	Auth           map[string]any  `json:"auth"`
}

// NewEvent builds the event `serve` would deliver for name with data (the
// JSON of the event's "data" member), for `run --event`. origin is the
// portal's, used for the auth block.
func NewEvent(name string, data json.RawMessage, origin string, now time.Time) (*Event, error) {
	name = strings.ToUpper(strings.TrimSpace(name))
	if name == "" {
		return nil, fmt.Errorf("--event needs an event name, such as ONCRMDEALADD")
	}
	if len(data) == 0 {
		data = json.RawMessage(`{}`)
	}
	var probe any
	if err := json.Unmarshal(data, &probe); err != nil {
		return nil, fmt.Errorf("--data is not valid JSON: %v", err)
	}
	host := origin
	if u, err := url.Parse(origin); err == nil && u.Host != "" {
		host = u.Host
	}
	return &Event{
		Name:           name,
		EventHandlerID: "0",
		Data:           data,
		TS:             strconv.FormatInt(now.Unix(), 10),
		Auth: map[string]any{
			"domain":          host,
			"client_endpoint": origin + "/rest/",
			"server_endpoint": "https://oauth.bitrix.info/rest/",
			"member_id":       "",
		},
	}, nil
}

// JSON returns the event as handlers receive it.
func (e *Event) JSON() json.RawMessage {
	raw, _ := json.Marshal(e)
	return raw
}

package sandbox

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// eventTimeout bounds one delivery with the default client.
const eventTimeout = 30 * time.Second

// pendingEvent is an event raised by a write, waiting to be delivered.
type pendingEvent struct {
	name string  // upper-case, e.g. ONCRMDEALADD
	data *object // the `data` part of the payload
}

// eventHandler is a registered outgoing webhook.
type eventHandler struct {
	id     int
	url    string
	token  string
	events map[string]bool
}

// eventHub delivers outgoing events the way the cloud queue does: one
// form-encoded POST per event and handler, once, without retries.
type eventHub struct {
	p      *Portal
	client *http.Client
	ctx    context.Context
	cancel context.CancelFunc

	mu       sync.Mutex
	handlers []eventHandler
	nextID   int
	pending  int
	idle     chan struct{} // closed while nothing is pending
}

func newEventHub(p *Portal, client *http.Client) *eventHub {
	if client == nil {
		client = &http.Client{Timeout: eventTimeout}
	}
	ctx, cancel := context.WithCancel(context.Background())
	idle := make(chan struct{})
	close(idle)
	return &eventHub{p: p, client: client, ctx: ctx, cancel: cancel, nextID: 1, idle: idle}
}

// AddEventHandler registers an outgoing webhook: after a CRM entity, task or
// timeline comment is added, updated or deleted through the API, the event (e.g.
// "OnCrmDealAdd", matched case-insensitively) is POSTed to handlerURL
// asynchronously, once, with applicationToken in auth[application_token].
// Deliveries are counted in Stats.Events; FlushEvents waits for them.
func (p *Portal) AddEventHandler(handlerURL, applicationToken string, events ...string) {
	h := p.events
	h.mu.Lock()
	defer h.mu.Unlock()
	eh := eventHandler{id: h.nextID, url: handlerURL, token: applicationToken, events: map[string]bool{}}
	h.nextID++
	for _, e := range events {
		eh.events[strings.ToUpper(strings.TrimSpace(e))] = true
	}
	h.handlers = append(h.handlers, eh)
}

// SendEvent posts one event payload now, synchronously, and returns the handler's
// HTTP status. data is the event's `data` part (nested maps become PHP brackets,
// keys sorted). It is counted in Stats.Events like automatic deliveries.
func (p *Portal) SendEvent(ctx context.Context, handlerURL, applicationToken, event string, data map[string]any) (int, error) {
	h := p.events
	h.mu.Lock()
	id := h.nextID
	h.nextID++
	h.mu.Unlock()
	payload := sortedObject(data)
	if data == nil {
		payload = newObject()
	}
	return h.deliver(ctx, eventHandler{id: id, url: handlerURL, token: applicationToken},
		pendingEvent{name: strings.ToUpper(event), data: payload})
}

// publish starts deliveries of ev to every handler registered for it.
func (h *eventHub) publish(ev pendingEvent) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.ctx.Err() != nil {
		return
	}
	for _, eh := range h.handlers {
		if !eh.events[ev.name] {
			continue
		}
		if h.pending == 0 {
			h.idle = make(chan struct{})
		}
		h.pending++
		go func() {
			defer h.done()
			_, _ = h.deliver(h.ctx, eh, ev)
		}()
	}
}

func (h *eventHub) done() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.pending--
	if h.pending == 0 {
		close(h.idle)
	}
}

// flush waits until no delivery is pending or ctx ends.
func (h *eventHub) flush(ctx context.Context) error {
	h.mu.Lock()
	idle := h.idle
	h.mu.Unlock()
	select {
	case <-idle:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("sandbox: waiting for event deliveries: %w", ctx.Err())
	}
}

// close aborts deliveries in flight and waits for them to end.
func (h *eventHub) close() {
	h.cancel()
	_ = h.flush(context.Background())
}

// payload builds the form body of a delivery, in the order of
// b24-rest-facts.md §7.3 "On the wire".
func (h *eventHub) payload(eh eventHandler, ev pendingEvent) string {
	origin, _ := url.Parse(h.p.url)
	body := objectOf(
		"event", ev.name,
		"event_handler_id", strconv.Itoa(eh.id),
		"data", ev.data,
		"ts", strconv.FormatInt(time.Now().Unix(), 10),
		"auth", objectOf(
			"domain", origin.Host,
			"client_endpoint", h.p.url+"/rest/",
			"server_endpoint", "https://oauth.bitrix.info/rest/",
			"member_id", h.p.memberID,
			"application_token", eh.token,
		),
	)
	return encodePHPQuery(body)
}

// deliver POSTs one event to one handler and counts the outcome.
func (h *eventHub) deliver(ctx context.Context, eh eventHandler, ev pendingEvent) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, eh.url, strings.NewReader(h.payload(eh, ev)))
	if err != nil {
		h.p.stats.event(false)
		return 0, fmt.Errorf("sandbox: build event request: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("User-Agent", "Bitrix24 Webhook Engine")
	resp, err := h.client.Do(req)
	if err != nil {
		h.p.stats.event(false)
		h.p.log.Debug("event delivery failed", "event", ev.name, "handler_id", eh.id, "err", err)
		return 0, fmt.Errorf("sandbox: deliver %s: %w", ev.name, err)
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	_ = resp.Body.Close()
	ok := resp.StatusCode >= 200 && resp.StatusCode < 300
	h.p.stats.event(ok)
	h.p.log.Debug("event delivered", "event", ev.name, "handler_id", eh.id, "status", resp.StatusCode)
	return resp.StatusCode, nil
}

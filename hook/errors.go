package hook

import (
	"errors"
	"fmt"
	"strings"
)

// Error is every failure of a Bitrix24 call, whether the portal answered with
// an error body or the call never got an answer. It works with errors.As and,
// through Is, with errors.Is against the sentinels below or any *Error with
// only a Code (codes compare case-insensitively, as the official SDKs do).
type Error struct {
	// Code is the portal's error code (QUERY_LIMIT_EXCEEDED, NOT_FOUND, ...)
	// or, for failures without one, the official SDK's code for that case:
	// NETWORK_ERROR, REQUEST_TIMEOUT, ERR_BAD_REQUEST, ERR_BAD_RESPONSE.
	// Legacy CRM methods answer some errors with an empty code.
	Code string
	// Description is the portal's error_description, or what went wrong.
	Description string
	// Status is the HTTP status; 0 when no answer arrived.
	Status int
	// Method is the REST method called ("batch" for a batch request).
	Method string
	// OutcomeUnknown is set when the call may have been executed by the
	// portal although no answer says so, and b24run did not replay it because
	// replaying a write could apply it twice.
	OutcomeUnknown bool
	// Validation holds REST v3 validation messages, if any.
	Validation []string
	// cause is the transport error behind a NETWORK_ERROR or REQUEST_TIMEOUT,
	// already scrubbed of the webhook URL.
	cause error
}

// Error codes the client itself produces, matching the official SDK's.
const (
	CodeNetwork        = "NETWORK_ERROR"
	CodeTimeout        = "REQUEST_TIMEOUT"
	CodeBadRequest     = "ERR_BAD_REQUEST"
	CodeBadResponse    = "ERR_BAD_RESPONSE"
	CodeUnexpected     = "ERROR_UNEXPECTED_ANSWER"
	CodeQueryLimit     = "QUERY_LIMIT_EXCEEDED"
	CodeOperatingLimit = "OPERATION_TIME_LIMIT"
	CodeInvalidParams  = "JSSDK_INVALID_PARAMS"
	CodeBatchEmpty     = "JSSDK_BATCH_EMPTY"
	CodeBatchTooLarge  = "JSSDK_BATCH_TOO_LARGE"
	CodeCursorStalled  = "CURSOR_STALLED"
)

// Sentinels for errors.Is.
var (
	ErrQueryLimit     = &Error{Code: CodeQueryLimit}
	ErrOperatingLimit = &Error{Code: CodeOperatingLimit}
	ErrNetwork        = &Error{Code: CodeNetwork}
	ErrTimeout        = &Error{Code: CodeTimeout}
	// ErrCursorStalled reports a list method that ignored the id cursor, so
	// that paging by it would loop forever.
	ErrCursorStalled = &Error{Code: CodeCursorStalled}
	// ErrOutcomeUnknown matches every error whose OutcomeUnknown is set.
	ErrOutcomeUnknown = errors.New("outcome unknown")
)

// Error formats the error as "CODE: description (method, HTTP status)",
// noting when the outcome of the call is unknown. It never holds the secret.
func (e *Error) Error() string {
	var b strings.Builder
	code := e.Code
	if code == "" {
		code = "ERROR"
	}
	b.WriteString(code)
	if e.Description != "" {
		b.WriteString(": ")
		b.WriteString(e.Description)
	}
	var ctx []string
	if e.Method != "" {
		ctx = append(ctx, e.Method)
	}
	if e.Status != 0 {
		ctx = append(ctx, fmt.Sprintf("HTTP %d", e.Status))
	}
	if len(ctx) > 0 {
		b.WriteString(" (" + strings.Join(ctx, ", ") + ")")
	}
	if e.OutcomeUnknown {
		b.WriteString("; the portal may have executed the call, so it was not repeated: outcome unknown")
	}
	return b.String()
}

// Is matches a target *Error by code (case-insensitively) and
// ErrOutcomeUnknown by the OutcomeUnknown flag.
func (e *Error) Is(target error) bool {
	if target == ErrOutcomeUnknown {
		return e.OutcomeUnknown
	}
	t, ok := target.(*Error)
	if !ok {
		return false
	}
	return t.Code != "" && strings.EqualFold(t.Code, e.Code)
}

// Unwrap returns the transport error behind a network failure, if any.
func (e *Error) Unwrap() error { return e.cause }

// Message is what the official SDK's AjaxError.message holds: the
// description, or "<CODE> (on <method>)" when there is none.
func (e *Error) Message() string {
	if e.Description != "" {
		return e.Description
	}
	if e.Method != "" {
		return e.Code + " (on " + e.Method + ")"
	}
	return "Internal ajax error"
}

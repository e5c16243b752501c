package sandbox

import (
	"fmt"
	"net/http"
)

// apiError is an error answer of the portal: an HTTP status plus the code and text
// a client sees. It never carries the webhook secret.
type apiError struct {
	status int
	code   string
	desc   string
	// v3 renders the error in REST 3.0 shape {"error":{"code","message"}}.
	v3         bool
	validation []*object
}

func (e *apiError) Error() string {
	return fmt.Sprintf("%d %s: %s", e.status, e.code, e.desc)
}

// body is the JSON document for the error.
func (e *apiError) body() *object {
	if e.v3 {
		inner := objectOf("code", e.code, "message", e.desc)
		if len(e.validation) > 0 {
			list := make([]any, len(e.validation))
			for i, v := range e.validation {
				list[i] = v
			}
			inner.set("validation", list)
		}
		return objectOf("error", inner)
	}
	return objectOf("error", e.code, "error_description", e.desc)
}

func newError(status int, code, desc string) *apiError {
	return &apiError{status: status, code: code, desc: desc}
}

// System errors (b24-rest-facts.md §3.2).

func errInvalidCredentials() *apiError {
	return newError(http.StatusUnauthorized, "INVALID_CREDENTIALS", "Invalid request credentials")
}

func errNoAuth() *apiError {
	return newError(http.StatusUnauthorized, "NO_AUTH_FOUND", "Wrong authorization data")
}

func errMethodNotFound() *apiError {
	return newError(http.StatusNotFound, "ERROR_METHOD_NOT_FOUND", "Method not found!")
}

func errQueryLimit() *apiError {
	return newError(http.StatusServiceUnavailable, "QUERY_LIMIT_EXCEEDED", "Too many requests")
}

func errOperationTimeLimit() *apiError {
	return newError(http.StatusTooManyRequests, "OPERATION_TIME_LIMIT", "Method is blocked due to operation time limit.")
}

func errInternal() *apiError {
	return newError(http.StatusInternalServerError, "INTERNAL_SERVER_ERROR", "Internal server error")
}

func errBatchLength() *apiError {
	return newError(http.StatusBadRequest, "ERROR_BATCH_LENGTH_EXCEEDED", "Max batch length exceeded")
}

func errBatchMethodNotAllowed() *apiError {
	return newError(http.StatusMethodNotAllowed, "ERROR_BATCH_METHOD_NOT_ALLOWED", "Method is not allowed for batch usage")
}

func errWrongAuthType() *apiError {
	return newError(http.StatusForbidden, "WRONG_AUTH_TYPE", "Current authorization type is denied for this method")
}

func errBodyTooLarge() *apiError {
	return newError(http.StatusRequestEntityTooLarge, "REQUEST_ENTITY_TOO_LARGE",
		fmt.Sprintf("Request body is larger than the sandbox limit of %d MiB", maxBodyBytes>>20))
}

func errBadRequest(format string, args ...any) *apiError {
	return newError(http.StatusBadRequest, "INVALID_REQUEST", fmt.Sprintf(format, args...))
}

// Legacy CRM errors: HTTP 400 with an empty code (b24-rest-facts.md §3.1).

func errLegacy(desc string) *apiError { return newError(http.StatusBadRequest, "", desc) }

func errLegacyNotFound() *apiError { return errLegacy("Not found") }

func errLegacyBadID() *apiError { return errLegacy("ID is not defined or invalid.") }

// Method-level errors of crm.item.*.

func errSmartProcessNotFound() *apiError {
	return newError(http.StatusBadRequest, "NOT_FOUND", "Smart process not found")
}

func errItemNotFound() *apiError {
	return newError(http.StatusBadRequest, "NOT_FOUND", "Item not found")
}

func errInvalidFilterField(name string) *apiError {
	return newError(http.StatusBadRequest, "INVALID_ARG_VALUE",
		fmt.Sprintf("Invalid filter: field '%s' is not allowed in filter", name))
}

func errInvalidOrderField(name string) *apiError {
	return newError(http.StatusBadRequest, "INVALID_ARG_VALUE",
		fmt.Sprintf("Invalid order: field '%s' is not allowed in order", name))
}

// REST v3 errors (b24-rest-facts.md §9).

const v3Prefix = "BITRIX_REST_V3_EXCEPTION_"

func newV3Error(status int, suffix, message string) *apiError {
	return &apiError{status: status, code: v3Prefix + suffix, desc: message, v3: true}
}

func errV3AccessDenied() *apiError {
	return newV3Error(http.StatusUnauthorized, "ACCESSDENIEDEXCEPTION", "Access denied")
}

func errV3MethodNotFound(method string) *apiError {
	msg := "Method not found"
	if method != "" {
		msg = fmt.Sprintf("Method '%s' not found", method)
	}
	return newV3Error(http.StatusNotFound, "METHODNOTFOUNDEXCEPTION", msg)
}

func errV3EntityNotFound() *apiError {
	return newV3Error(http.StatusBadRequest, "ENTITYNOTFOUNDEXCEPTION", "Entity not found")
}

func errV3InvalidJSON(detail string) *apiError {
	return newV3Error(http.StatusBadRequest, "INVALIDJSONEXCEPTION", "Invalid JSON: "+detail)
}

func errV3Required(field string) *apiError {
	e := newV3Error(http.StatusBadRequest, "VALIDATION_REQUESTVALIDATIONEXCEPTION", "Error validating request object")
	e.validation = []*object{objectOf("message", fmt.Sprintf("Required field `%s` is not specified", field), "field", field)}
	return e
}

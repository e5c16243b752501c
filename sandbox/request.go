package sandbox

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"
)

// readParams collects a request's parameters. v1 merges the query string with the
// body like PHP's $_REQUEST (body keys win), reading JSON, urlencoded and multipart
// bodies with PHP bracket notation. v3 reads only a JSON body, as REST 3.0 does.
func readParams(w http.ResponseWriter, r *http.Request, v3 bool) (*object, *apiError) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, errBodyTooLarge()
		}
		return nil, errBadRequest("Cannot read the request body: %v", err)
	}
	mediaType, ctParams, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		mediaType = ""
	}
	if v3 {
		return readV3Body(mediaType, body)
	}
	params := parsePHPQuery(r.URL.RawQuery)
	if len(body) == 0 {
		return params, nil
	}
	var fromBody *object
	switch {
	case mediaType == "application/json" || strings.HasSuffix(mediaType, "+json"):
		fromBody, err = jsonParams(body)
		if err != nil {
			return nil, errBadRequest("Request body is not valid JSON: %v", err)
		}
	case mediaType == "multipart/form-data":
		fromBody, err = multipartParams(body, ctParams["boundary"])
		if err != nil {
			return nil, errBadRequest("Malformed multipart/form-data body: %v", err)
		}
	case mediaType == "application/x-www-form-urlencoded" || mediaType == "":
		fromBody = parsePHPQuery(string(body))
	default:
		// PHP fills $_POST only for form encodings; other bodies are not parameters.
		return params, nil
	}
	for _, k := range fromBody.keys {
		params.set(k, fromBody.vals[k])
	}
	return params, nil
}

// jsonParams decodes a JSON body into parameters. An array body becomes
// positional parameters 0..n-1 (data-encoding.md "Order of Parameters"); null is
// no parameters.
func jsonParams(body []byte) (*object, error) {
	v, err := decodeJSON(body)
	if err != nil {
		return nil, err
	}
	if v == nil {
		return newObject(), nil
	}
	o, ok := asObject(v)
	if !ok {
		return nil, errors.New("the top-level value must be an object or an array")
	}
	return o, nil
}

// multipartParams reads the form fields of a multipart body; file parts are
// skipped (the sandbox does not store uploads).
func multipartParams(body []byte, boundary string) (*object, error) {
	if boundary == "" {
		return nil, errors.New("no boundary in Content-Type")
	}
	params := newObject()
	mr := multipart.NewReader(bytes.NewReader(body), boundary)
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return params, nil
		}
		if err != nil {
			return nil, err
		}
		value, err := io.ReadAll(part)
		if err != nil {
			return nil, err
		}
		if part.FileName() != "" || part.FormName() == "" {
			continue
		}
		setPHPVar(params, part.FormName(), string(value))
	}
}

// readV3Body parses a REST 3.0 body: JSON only; form encodings are refused with
// INVALIDJSONEXCEPTION.
func readV3Body(mediaType string, body []byte) (*object, *apiError) {
	if len(bytes.TrimSpace(body)) == 0 {
		return newObject(), nil
	}
	isJSON := mediaType == "application/json" || strings.HasSuffix(mediaType, "+json")
	if !isJSON && mediaType != "" {
		return nil, errV3InvalidJSON("the request body must be application/json")
	}
	params, err := jsonParams(body)
	if err != nil {
		return nil, errV3InvalidJSON(err.Error())
	}
	return params, nil
}

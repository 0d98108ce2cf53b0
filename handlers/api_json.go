package handlers

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strconv"
	"strings"
)

// maxBodyBytes bounds an API request body: a project with every field filled is a few kilobytes.
const maxBodyBytes = 1 << 20

// apiRequestError is a request the API cannot read (not JSON, malformed, an unknown field): a client's
// mistake that never reached the app, with words for whoever writes the client.
type apiRequestError struct {
	status  int
	code    string
	message string
	fields  map[string]string
}

func (e *apiRequestError) Error() string { return e.code + ": " + e.message }

func apiBadRequest(code, message string, fields map[string]string) error {
	return &apiRequestError{http.StatusBadRequest, code, message, fields}
}

// apiServerOwned are fields the portal sets itself. A body carrying one is refused by name, so that a client
// learns at once that it cannot set them (docs/security.md 20: no mass assignment).
var apiServerOwned = map[string]bool{
	"id": true, "tenant_id": true, "tenant_name": true, "reference": true, "status": true,
	"approved_by": true, "submitted_by": true, "submitted_at": true, "decided_by": true, "decided_at": true,
	"decision_reason": true, "award": true, "created_by": true, "created_at": true, "updated_at": true,
	"history": true, "allowed_actions": true,
}

// decodeJSONBody reads a request body of at most maxBodyBytes holding one JSON object into v, refusing
// fields v does not have.
func decodeJSONBody(r *http.Request, v any) error {
	mediaType, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mediaType != "application/json" {
		return &apiRequestError{http.StatusUnsupportedMediaType, "unsupported_media_type",
			"Send the request body as JSON, with the header Content-Type: application/json", nil}
	}
	if r.Body == nil {
		return decodeError(io.EOF)
	}
	raw, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, maxBodyBytes))
	if err != nil {
		return decodeError(err)
	}
	// null, a list or a string would decode without error into an empty struct; only an object is a record.
	if start := bytes.TrimLeft(raw, " \t\r\n"); len(start) > 0 && start[0] != '{' && json.Valid(raw) {
		return apiBadRequest("wrong_type", "The request body must be a JSON object", nil)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return apiBadRequest("malformed_json", "The request body must hold one JSON object and nothing after it", nil)
	}
	return nil
}

// decodeError explains why a body could not be read, naming the field where there is one. The JSON
// package's own words are never passed on.
func decodeError(err error) error {
	var tooLarge *http.MaxBytesError
	var syntax *json.SyntaxError
	var wrongType *json.UnmarshalTypeError
	switch {
	case errors.As(err, &tooLarge):
		return &apiRequestError{http.StatusRequestEntityTooLarge, "body_too_large",
			fmt.Sprintf("The request body must be at most %d bytes", maxBodyBytes), nil}
	case errors.Is(err, io.EOF):
		return apiBadRequest("empty_body", "The request body is empty: send a JSON object", nil)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return apiBadRequest("malformed_json", "The request body is not valid JSON: it ends too soon", nil)
	case errors.As(err, &syntax):
		return apiBadRequest("malformed_json", fmt.Sprintf("The request body is not valid JSON (at byte %d)", syntax.Offset), nil)
	case errors.As(err, &wrongType):
		return apiTypeError(wrongType)
	}
	if name, ok := jsonUnknownField(err); ok {
		return apiFieldRefused(name)
	}
	return apiBadRequest("malformed_json", "The request body could not be read as JSON", nil)
}

func apiTypeError(e *json.UnmarshalTypeError) error {
	if e.Field == "" {
		return apiBadRequest("wrong_type", "The request body must be a JSON object", nil)
	}
	message := "Use a different JSON type here"
	switch e.Type.Kind() {
	case reflect.String:
		message = `Use a JSON string here: amounts, dates and targets are strings, like "1500000.00", "2024-04-01" and "12.5"`
	case reflect.Int, reflect.Int64:
		message = "Use a whole number here (identifiers and versions are numbers, not strings)"
	case reflect.Slice:
		message = "Use a JSON list here"
	case reflect.Map, reflect.Struct:
		message = "Use a JSON object here"
	}
	return apiBadRequest("wrong_type", "A field has the wrong JSON type", map[string]string{e.Field: message})
}

// jsonUnknownField reads the field name from encoding/json's error for DisallowUnknownFields, which has no
// error type of its own.
func jsonUnknownField(err error) (string, bool) {
	rest, ok := strings.CutPrefix(err.Error(), "json: unknown field ")
	if !ok {
		return "", false
	}
	name, err := strconv.Unquote(rest)
	if err != nil {
		name = rest
	}
	if len(name) > 100 {
		name = name[:100]
	}
	return name, true
}

func apiFieldRefused(name string) error {
	if apiServerOwned[strings.ToLower(name)] {
		return apiBadRequest("server_owned_field", name+" is set by the portal and cannot be sent",
			map[string]string{name: "The portal sets this field; leave it out of the request"})
	}
	return apiBadRequest("unknown_field", "The request body has a field the API does not know",
		map[string]string{name: "There is no such field here; see /api/v1/openapi.json"})
}

// Package app holds the portal's rules: who may do what, in which tenant, and how money and state may change.
// The pages, the JSON API and the command line all call it, so each rule exists once. It imports neither gin
// nor html/template.
package app

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/innovation-accelerators/portal/models"
)

// Errors a person may be told about. The handlers map each to a status and a page or JSON body.
var (
	// ErrNotFound: no such record, or one in another tenant (the two are never told apart).
	ErrNotFound = errors.New("not found")
	// ErrForbidden: the record is visible but this person's role may not do that to it.
	ErrForbidden = errors.New("forbidden")
	// ErrUnauthenticated: no valid session or token.
	ErrUnauthenticated = errors.New("sign-in required")
	// ErrConflict: the record changed or exists already; reload and try again.
	ErrConflict = errors.New("conflict")
	// ErrMalformed: the request sent back something the portal wrote for it (a page cursor) changed or broken.
	ErrMalformed = errors.New("malformed request")
)

// Refusal is a request the rules refuse, with words for the person: Kind is ErrForbidden or ErrConflict
// and decides the status; Message says what happened and what to do.
type Refusal struct {
	Kind    error
	Message string
}

func (r *Refusal) Error() string { return r.Message }
func (r *Refusal) Unwrap() error { return r.Kind }

func forbidden(message string) error { return &Refusal{Kind: ErrForbidden, Message: message} }
func conflict(message string) error  { return &Refusal{Kind: ErrConflict, Message: message} }

// ValidationError lists what is wrong with a person's input, by field, in words they understand.
type ValidationError struct {
	Fields map[string]string
}

func (e *ValidationError) Error() string {
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, k+": "+e.Fields[k])
	}
	return "invalid input: " + strings.Join(parts, "; ")
}

// Add records a problem with a field; the first message for a field wins, as it is usually the most basic.
func (e *ValidationError) Add(field, message string) {
	if e.Fields == nil {
		e.Fields = map[string]string{}
	}
	if _, seen := e.Fields[field]; !seen {
		e.Fields[field] = message
	}
}

// OrNil returns the error if any field has a problem, and nil otherwise.
func (e *ValidationError) OrNil() error {
	if len(e.Fields) == 0 {
		return nil
	}
	return e
}

// fromStore turns the data layer's sentinels into the app's, keeping the cause for the log.
func fromStore(err error, what string) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, models.ErrNotFound):
		return fmt.Errorf("%s: %w", what, ErrNotFound)
	case errors.Is(err, models.ErrConflict):
		return fmt.Errorf("%s: %w: %w", what, ErrConflict, err)
	}
	return fmt.Errorf("%s: %w", what, err)
}

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
	// ErrStale: the record changed since the person read it (a conflict of versions).
	ErrStale = fmt.Errorf("%w: changed since it was read", ErrConflict)
	// ErrInvalid: values that the database's own rules refused after the app's checks let them through.
	ErrInvalid = errors.New("invalid")
	// ErrBusy: the database kept meeting concurrent changes and gave up; trying again shortly will work.
	ErrBusy = errors.New("busy")
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

// fromStore turns the data layer's sentinels into the app's, with what was being done, keeping the cause
// for the log.
func fromStore(err error, what string) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", what, Explain(err))
}

// Explain turns the data layer's answers into errors a person may be told about: a row outside the tenant
// scope is not found (never "forbidden", which would confirm it exists); a broken database rule is a clear
// refusal, never a server error. Errors that are already the app's pass through unchanged. The handlers
// call it on every failure, so a store error that a service passed on without fromStore is explained too.
func Explain(err error) error {
	var refusal *Refusal
	switch {
	case err == nil, errors.As(err, &refusal), errors.Is(err, ErrNotFound), errors.Is(err, ErrConflict),
		errors.Is(err, ErrInvalid), errors.Is(err, ErrBusy):
		return err
	case errors.Is(err, models.ErrNotFound), errors.Is(err, models.ErrOutsideScope):
		return fmt.Errorf("%w: %w", ErrNotFound, err)
	case errors.Is(err, models.ErrConflict):
		return fmt.Errorf("%w: %w", ErrConflict, err)
	case errors.Is(err, models.ErrInvalidReference):
		return fmt.Errorf("%w: %w", &Refusal{Kind: ErrConflict,
			Message: "It refers to a record that no longer exists or cannot be used here. Reload the page and try again."}, err)
	case errors.Is(err, models.ErrConstraint):
		return fmt.Errorf("%w: %w", &Refusal{Kind: ErrInvalid,
			Message: "The values given break one of the portal's rules. Check them and try again."}, err)
	case errors.Is(err, models.ErrRetryLater):
		return fmt.Errorf("%w: %w", ErrBusy, err)
	}
	return err
}

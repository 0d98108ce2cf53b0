package app

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/innovation-accelerators/portal/models"
)

// auditRecord describes one audit event before it is stored.
type auditRecord struct {
	Actor      int64 // 0 when nobody is signed in yet (a refused sign-in)
	Tenant     int64 // 0 when no tenant is concerned
	Action     string
	EntityType string
	EntityID   string
	Before     any // marshalled to JSON; nil for none
	After      any
	Detail     string
}

// appendAudit stores an audit event with the request's ID. Call it inside the transaction that makes the
// change, so the change and its record commit or fail together.
func appendAudit(ctx context.Context, store *models.Store, at time.Time, r auditRecord) error {
	before, err := auditJSON(r.Before)
	if err != nil {
		return err
	}
	after, err := auditJSON(r.After)
	if err != nil {
		return err
	}
	event := models.AuditEvent{
		OccurredAt: at, ActorUserID: optionalID(r.Actor), TenantID: optionalID(r.Tenant),
		Action: r.Action, EntityType: r.EntityType, EntityID: r.EntityID,
		BeforeState: before, AfterState: after, Detail: r.Detail, RequestID: RequestID(ctx),
	}
	if err := store.AppendAuditEvent(ctx, &event); err != nil {
		return fmt.Errorf("audit %s: %w", r.Action, err)
	}
	return nil
}

func auditJSON(v any) (*string, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("audit state: %w", err)
	}
	s := string(b)
	return &s, nil
}

func optionalID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

func idString(id int64) string { return strconv.FormatInt(id, 10) }

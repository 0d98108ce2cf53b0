package models

import (
	"context"
	"time"
)

// AuditEvent records a state change or decision: who, in which tenant, did what to which record, and when.
// The table is append-only; triggers refuse updates and deletes.
type AuditEvent struct {
	ID          int64
	OccurredAt  time.Time
	ActorUserID *int64
	TenantID    *int64
	Action      string
	EntityType  string
	EntityID    string
	BeforeState *string
	AfterState  *string
	Detail      string
	RequestID   string
}

// AppendAuditEvent stores an audit event.
func (s *Store) AppendAuditEvent(ctx context.Context, e *AuditEvent) error {
	return translate(s.db.WithContext(ctx).Create(e).Error)
}

// AuditEventsForEntity lists the events about one record of a tenant, oldest first.
func (s *Store) AuditEventsForEntity(ctx context.Context, tenantID int64, entityType, entityID string) ([]AuditEvent, error) {
	if err := requireTenant(tenantID); err != nil {
		return nil, err
	}
	var es []AuditEvent
	err := s.db.WithContext(ctx).
		Where("tenant_id = ? AND entity_type = ? AND entity_id = ?", tenantID, entityType, entityID).
		Order("occurred_at, id").Find(&es).Error
	return es, translate(err)
}

// RecentAuditEvents lists the newest events with a given action, newest first; for tests and operators.
func (s *Store) RecentAuditEvents(ctx context.Context, action string, limit int) ([]AuditEvent, error) {
	var es []AuditEvent
	err := s.db.WithContext(ctx).Where("action = ?", action).Order("id DESC").Limit(limit).Find(&es).Error
	return es, translate(err)
}

// HistoryEntry is an audit event with the name of the person who acted.
type HistoryEntry struct {
	AuditEvent
	ActorName string
}

// History lists the events about one record of a tenant with who acted, oldest first.
func (s *Store) History(ctx context.Context, tenantID int64, entityType, entityID string) ([]HistoryEntry, error) {
	if err := requireTenant(tenantID); err != nil {
		return nil, err
	}
	var es []HistoryEntry
	err := s.db.WithContext(ctx).Table("audit_events").
		Select("audit_events.*, COALESCE(NULLIF(users.display_name, ''), users.email, '') AS actor_name").
		Joins("LEFT JOIN users ON users.id = audit_events.actor_user_id").
		Where("audit_events.tenant_id = ? AND audit_events.entity_type = ? AND audit_events.entity_id = ?", tenantID, entityType, entityID).
		Order("audit_events.occurred_at, audit_events.id").Scan(&es).Error
	return es, translate(err)
}

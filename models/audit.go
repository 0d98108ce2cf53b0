package models

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// AuditEvent records a state change or decision: who, in which tenant, did what to which record, and when.
// The application may only add and read events; each carries its place in its tenant's chain and a hash
// linking it to the event before (audit_chain.go), so a change made behind the application's back shows.
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
	ChainSeq    *int64 // place in the chain, from 1; nil for events recorded before the chain began
	PrevHash    string // the previous event's Hash; "" for the first
	Hash        string
}

// AppendAuditEvent stores an audit event at the end of its chain: its tenant's, or for an event that concerns
// no tenant, the programme's. The chain is locked for the rest of the transaction, so concurrent writers
// take their places one after another.
func (s *Store) AppendAuditEvent(ctx context.Context, e *AuditEvent) error {
	scope := AllTenants() // the programme's chain, which no single tenant's scope reaches
	if e.TenantID != nil {
		scope = InTenant(*e.TenantID)
	}
	return s.Transaction(ctx, func(tx *Store) error {
		return translate(tx.inScope(ctx, scope, func(db *gorm.DB) error {
			chain := e.chain()
			if err := tx.lockAuditChain(db, chain); err != nil {
				return err
			}
			var head struct {
				ChainSeq int64
				Hash     string
			}
			err := db.Table("audit_events").Select("chain_seq, hash").
				Where("COALESCE(tenant_id, 0) = ? AND chain_seq IS NOT NULL", chain).
				Order("chain_seq DESC").Limit(1).Scan(&head).Error
			if err != nil {
				return err
			}
			e.seal(head.ChainSeq+1, head.Hash)
			return db.Create(e).Error
		}))
	})
}

// lockAuditChain holds a chain until the transaction ends. On PostgreSQL that is a transaction-level advisory
// lock; SQLite's write transactions already run one at a time.
func (s *Store) lockAuditChain(db *gorm.DB, chain int64) error {
	if !s.postgres {
		return nil
	}
	return db.Exec("SELECT pg_advisory_xact_lock(?, ?)", auditChainLockSpace, int32(chain)).Error
}

// auditChainLockSpace keeps the audit chains' advisory locks apart from any other use of advisory locks.
const auditChainLockSpace = 0x41554454 // "AUDT"

// AuditEventsForEntity lists the events about one record of a tenant, oldest first.
func (s *Store) AuditEventsForEntity(ctx context.Context, tenantID int64, entityType, entityID string) ([]AuditEvent, error) {
	var es []AuditEvent
	err := s.inScope(ctx, InTenant(tenantID), func(db *gorm.DB) error {
		return db.Where("tenant_id = ? AND entity_type = ? AND entity_id = ?", tenantID, entityType, entityID).
			Order("occurred_at, id").Find(&es).Error
	})
	return es, translate(err)
}

// HistoryEntry is an audit event with the name of the person who acted.
type HistoryEntry struct {
	AuditEvent
	ActorName string
}

// History lists the events about one record of a tenant with who acted, oldest first.
func (s *Store) History(ctx context.Context, tenantID int64, entityType, entityID string) ([]HistoryEntry, error) {
	var es []HistoryEntry
	err := s.inScope(ctx, InTenant(tenantID), func(db *gorm.DB) error {
		return db.Table("audit_events").
			Select("audit_events.*, COALESCE(NULLIF(users.display_name, ''), users.email, '') AS actor_name").
			Joins("LEFT JOIN users ON users.id = audit_events.actor_user_id").
			Where("audit_events.tenant_id = ? AND audit_events.entity_type = ? AND audit_events.entity_id = ?", tenantID, entityType, entityID).
			Order("audit_events.occurred_at, audit_events.id").Scan(&es).Error
	})
	return es, translate(err)
}

package models

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// The audit trail is a set of hash chains, one per tenant and one (chain 0) for events that concern no tenant.
// Each event's Hash covers its canonical content and the previous event's hash, so an event changed, removed
// or slipped in by someone with direct access to the database breaks the chain at that point, and
// VerifyAuditChains finds it (docs/architecture.md, "The audit chain").

// chain is the chain an event belongs to: its tenant's, or 0.
func (e *AuditEvent) chain() int64 {
	if e.TenantID == nil {
		return 0
	}
	return *e.TenantID
}

// seal gives the event its place after the chain's current head, and its hash. Times are kept to the
// microsecond, the precision both databases store, so the content hashed is the content read back.
func (e *AuditEvent) seal(seq int64, prevHash string) {
	e.OccurredAt = e.OccurredAt.UTC().Truncate(time.Microsecond)
	e.ChainSeq, e.PrevHash = &seq, prevHash
	e.Hash = e.contentHash()
}

// canonicalAuditEvent is what an event's hash covers, in a fixed order: everything but the database's ID.
type canonicalAuditEvent struct {
	Chain      int64   `json:"chain"`
	Seq        int64   `json:"seq"`
	PrevHash   string  `json:"prev_hash"`
	OccurredAt string  `json:"occurred_at"`
	Actor      *int64  `json:"actor"`
	Tenant     *int64  `json:"tenant"`
	Action     string  `json:"action"`
	EntityType string  `json:"entity_type"`
	EntityID   string  `json:"entity_id"`
	Before     *string `json:"before"`
	After      *string `json:"after"`
	Detail     string  `json:"detail"`
	RequestID  string  `json:"request_id"`
}

// contentHash is the hex SHA-256 of the event's canonical JSON.
func (e *AuditEvent) contentHash() string {
	var seq int64
	if e.ChainSeq != nil {
		seq = *e.ChainSeq
	}
	content, err := json.Marshal(canonicalAuditEvent{
		Chain: e.chain(), Seq: seq, PrevHash: e.PrevHash,
		OccurredAt: e.OccurredAt.UTC().Format(time.RFC3339Nano),
		Actor:      e.ActorUserID, Tenant: e.TenantID, Action: e.Action, EntityType: e.EntityType, EntityID: e.EntityID,
		Before: e.BeforeState, After: e.AfterState, Detail: e.Detail, RequestID: e.RequestID,
	})
	if err != nil {
		// Marshalling strings, numbers and pointers to them cannot fail.
		panic(fmt.Sprintf("audit event content: %v", err))
	}
	sum := sha256.Sum256(content)
	return hex.EncodeToString(sum[:])
}

// AuditVerification is the outcome of checking every chain.
type AuditVerification struct {
	Events    int64       // chained events checked
	Unchained int64       // events recorded before the chains began, which cannot be checked
	Heads     []AuditHead // the last event of each chain, to compare with a later run
	Break     *AuditBreak // the first break found, or nil when every chain is intact
	CheckedAt time.Time
}

// AuditHead is the newest event of one chain. Removing a chain's newest events leaves no break behind it, so
// operators keep the heads a run reports and compare them with the next run's.
type AuditHead struct {
	Chain   int64
	Seq     int64
	EventID int64
	Hash    string
}

// AuditBreak names the first event at which a chain no longer holds, and what is wrong there.
type AuditBreak struct {
	EventID int64
	Chain   int64
	Problem string
}

// VerifyAuditChains walks every chain in order and reports the first break. It reads each chain in batches,
// so the trail's size does not decide the memory it needs.
func (s *Store) VerifyAuditChains(ctx context.Context, now time.Time) (AuditVerification, error) {
	v := AuditVerification{CheckedAt: now}
	err := s.Transaction(ctx, func(tx *Store) error {
		return tx.inScope(ctx, AllTenants(), func(db *gorm.DB) error {
			var chains []int64
			if err := db.Raw("SELECT DISTINCT COALESCE(tenant_id, 0) FROM audit_events ORDER BY 1").Scan(&chains).Error; err != nil {
				return err
			}
			for _, chain := range chains {
				if err := verifyChain(db, chain, &v); err != nil || v.Break != nil {
					return err
				}
			}
			return nil
		})
	})
	return v, translate(err)
}

// verifyChain checks one chain: its events before the chain began, then every link in order.
func verifyChain(db *gorm.DB, chain int64, v *AuditVerification) error {
	inChain := db.Table("audit_events").Where("COALESCE(tenant_id, 0) = ?", chain)
	if err := checkUnchained(inChain, chain, v); err != nil || v.Break != nil {
		return err
	}
	head := AuditHead{Chain: chain}
	for {
		var batch []AuditEvent
		err := inChain.Session(&gorm.Session{}).Where("chain_seq > ?", head.Seq).Order("chain_seq").Limit(auditBatch).Find(&batch).Error
		if err != nil {
			return err
		}
		for i := range batch {
			if problem := nextLinkProblem(head, &batch[i]); problem != "" {
				v.Break = &AuditBreak{EventID: batch[i].ID, Chain: chain, Problem: problem}
				return nil
			}
			head = AuditHead{Chain: chain, Seq: *batch[i].ChainSeq, EventID: batch[i].ID, Hash: batch[i].Hash}
			v.Events++
		}
		if len(batch) < auditBatch {
			break
		}
	}
	if head.Seq > 0 {
		v.Heads = append(v.Heads, head)
	}
	return nil
}

// auditBatch is how many events verification reads at a time.
const auditBatch = 1000

// checkUnchained counts a chain's events from before the chain began, and refuses one without a place in the
// chain that was added after it began: the application never writes such an event.
func checkUnchained(inChain *gorm.DB, chain int64, v *AuditVerification) error {
	var unchained int64
	if err := inChain.Session(&gorm.Session{}).Where("chain_seq IS NULL").Count(&unchained).Error; err != nil || unchained == 0 {
		return err
	}
	var first, late AuditEvent
	err := inChain.Session(&gorm.Session{}).Where("chain_seq = 1").Take(&first).Error
	if err == nil {
		err = inChain.Session(&gorm.Session{}).Where("chain_seq IS NULL AND id > ?", first.ID).Order("id").Take(&late).Error
	}
	switch {
	case err == nil:
		v.Break = &AuditBreak{EventID: late.ID, Chain: chain, Problem: "it has no place in the chain, yet was added after the chain began"}
	case errors.Is(err, gorm.ErrRecordNotFound):
		v.Unchained += unchained
	default:
		return err
	}
	return nil
}

// nextLinkProblem says what is wrong with e as the event after head, or "" if it follows it correctly.
func nextLinkProblem(head AuditHead, e *AuditEvent) string {
	switch {
	case *e.ChainSeq != head.Seq+1:
		return fmt.Sprintf("the event before it is missing: it is at place %d, after place %d", *e.ChainSeq, head.Seq)
	case e.PrevHash != head.Hash:
		return "it does not follow the event before it: an event before it was changed, removed or put in its place"
	case e.contentHash() != e.Hash:
		return "its content was changed after it was recorded"
	}
	return ""
}

package app

import (
	"context"
	"fmt"
	"time"

	"github.com/innovation-accelerators/portal/models"
)

// AuditTrail checks that the audit trail is as the portal wrote it (docs/architecture.md, "The audit chain").
type AuditTrail struct {
	store *models.Store
	now   func() time.Time
}

// NewAuditTrail returns the service.
func NewAuditTrail(store *models.Store, now func() time.Time) *AuditTrail {
	return &AuditTrail{store: store, now: orNow(now)}
}

// Verify walks every chain of the audit trail for a programme administrator and reports the first break.
func (a *AuditTrail) Verify(ctx context.Context, p Principal) (models.AuditVerification, error) {
	if !p.Can(ActionVerifyAudit) {
		return models.AuditVerification{}, ErrForbidden
	}
	return a.VerifyForOperator(ctx)
}

// VerifyForOperator is Verify for someone at the portal's command line, who has its database connection and
// so needs no role.
func (a *AuditTrail) VerifyForOperator(ctx context.Context) (models.AuditVerification, error) {
	v, err := a.store.VerifyAuditChains(ctx, a.now())
	if err != nil {
		return v, fmt.Errorf("verify audit trail: %w", err)
	}
	return v, nil
}

package app

import (
	"context"
	"time"

	"github.com/innovation-accelerators/portal/models"
)

// SeedDemoAccounts seeds the demo programme, tenants and users without the register, for tests that need an
// empty register to count in.
func SeedDemoAccounts(ctx context.Context, store *models.Store, issuer string, now time.Time) error {
	return store.Transaction(ctx, func(tx *models.Store) error {
		_, err := seedDemoAccounts(ctx, tx, issuer, now)
		return err
	})
}

// LongTextForTest runs the reading of long text (a summary, a reason): the text as kept, or the problem.
func LongTextForTest(s string) (string, string) {
	verr := &ValidationError{}
	kept := longText(verr, "text", s)
	return kept, verr.Fields["text"]
}

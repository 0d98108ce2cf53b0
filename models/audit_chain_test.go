package models_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// chainFixture is an audit trail of two tenants' chains and the programme's, five events each.
type chainFixture struct {
	store  *models.Store
	events map[string][]models.AuditEvent // by chain: "a", "b" and "programme"
}

func newChainFixture(t *testing.T, db *models.Database) chainFixture {
	t.Helper()
	store := models.NewStore(db.Gorm)
	a, b := newTenant(t, store), newTenant(t, store)
	f := chainFixture{store: store, events: map[string][]models.AuditEvent{}}
	for i := range 5 {
		f.events["a"] = append(f.events["a"], newAuditEvent(t, store, a.ID, "project", idText(int64(i))))
		f.events["b"] = append(f.events["b"], newAuditEvent(t, store, b.ID, "project", idText(int64(i))))
		before := `{"status":"draft"}`
		programme := models.AuditEvent{OccurredAt: testNow, Action: "signin.refused", EntityType: "signin", BeforeState: &before, Detail: "provider \"x\"\nforged line"}
		if err := store.AppendAuditEvent(context.Background(), &programme); err != nil {
			t.Fatal(err)
		}
		f.events["programme"] = append(f.events["programme"], programme)
	}
	return f
}

func (f chainFixture) verify(t *testing.T) models.AuditVerification {
	t.Helper()
	v, err := f.store.VerifyAuditChains(context.Background(), testNow)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestAuditChain_AFreshTrailVerifies(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		f := newChainFixture(t, db)
		v := f.verify(t)
		if v.Break != nil || v.Events != 15 || len(v.Heads) != 3 || v.Unchained != 0 {
			t.Fatalf("verification %+v (break %+v), want 15 events in 3 intact chains", v, v.Break)
		}
		for _, chain := range f.events {
			last := chain[len(chain)-1]
			found := false
			for _, h := range v.Heads {
				found = found || (h.EventID == last.ID && h.Hash == last.Hash && h.Seq == 5)
			}
			if !found {
				t.Errorf("no head reported for the chain ending with event %d: %+v", last.ID, v.Heads)
			}
		}
	})
}

// tamper runs SQL as the role that owns the tables could, behind the application's back.
func tamper(t *testing.T, db *models.Database, sql string, args ...any) {
	t.Helper()
	modeltest.TamperAsOwner(t, modeltest.Owner(t, db), sql, args...)
}

func TestAuditChain_VerificationNamesTheFirstEventChangedRemovedOrSlippedIn(t *testing.T) {
	cases := []struct {
		name    string
		tamper  func(t *testing.T, db *models.Database, f chainFixture) int64 // the event verification must name
		problem string
	}{
		{"detail rewritten", func(t *testing.T, db *models.Database, f chainFixture) int64 {
			e := f.events["a"][2]
			tamper(t, db, "UPDATE audit_events SET detail = 'nothing happened' WHERE id = ?", e.ID)
			return e.ID
		}, "content was changed"},
		{"state before removed", func(t *testing.T, db *models.Database, f chainFixture) int64 {
			e := f.events["programme"][1]
			tamper(t, db, "UPDATE audit_events SET before_state = NULL WHERE id = ?", e.ID)
			return e.ID
		}, "content was changed"},
		{"event deleted", func(t *testing.T, db *models.Database, f chainFixture) int64 {
			tamper(t, db, "DELETE FROM audit_events WHERE id = ?", f.events["b"][1].ID)
			return f.events["b"][2].ID
		}, "the event before it is missing"},
		{"event deleted and the next renumbered", func(t *testing.T, db *models.Database, f chainFixture) int64 {
			tamper(t, db, "DELETE FROM audit_events WHERE id = ?", f.events["b"][1].ID)
			tamper(t, db, "UPDATE audit_events SET chain_seq = 2 WHERE id = ?", f.events["b"][2].ID)
			return f.events["b"][2].ID
		}, "does not follow the event before it"},
		{"event slipped in without a place", func(t *testing.T, db *models.Database, f chainFixture) int64 {
			tamper(t, db, "INSERT INTO audit_events (occurred_at, tenant_id, action) VALUES (?, ?, 'project.approved')",
				testNow, *f.events["a"][0].TenantID)
			var id int64
			modeltest.Superuser(t, db).Raw("SELECT max(id) FROM audit_events").Scan(&id)
			return id
		}, "no place in the chain"},
		{"event slipped in at the end with a made-up hash", func(t *testing.T, db *models.Database, f chainFixture) int64 {
			last := f.events["a"][4]
			tamper(t, db, "INSERT INTO audit_events (occurred_at, tenant_id, action, chain_seq, prev_hash, hash) VALUES (?, ?, 'project.approved', 6, ?, 'abc')",
				testNow, *last.TenantID, last.Hash)
			var id int64
			modeltest.Superuser(t, db).Raw("SELECT max(id) FROM audit_events").Scan(&id)
			return id
		}, "content was changed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
				f := newChainFixture(t, db)
				want := c.tamper(t, db, f)
				v := f.verify(t)
				if v.Break == nil || v.Break.EventID != want || !strings.Contains(v.Break.Problem, c.problem) {
					t.Errorf("break %+v, want event %d named: %s", v.Break, want, c.problem)
				}
			})
		})
	}
}

// TestAuditChain_ConcurrentWritersTakeTheirPlacesOneAfterAnother: many transactions appending to one tenant's
// chain at once leave an unbroken chain with every place filled once.
func TestAuditChain_ConcurrentWritersTakeTheirPlacesOneAfterAnother(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := models.NewStore(db.Gorm)
		tenant := newTenant(t, store)
		const writers, each = 8, 10
		var wg sync.WaitGroup
		errs := make(chan error, writers*each)
		for w := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range each {
					e := models.AuditEvent{OccurredAt: testNow, TenantID: &tenant.ID, Action: "test.happened", EntityID: idText(int64(w*each + i))}
					errs <- store.AppendAuditEvent(context.Background(), &e)
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		v, err := store.VerifyAuditChains(context.Background(), testNow)
		if err != nil || v.Break != nil || v.Events != writers*each {
			t.Errorf("verification %+v (break %+v, error %v), want %d events intact", v, v.Break, err, writers*each)
		}
	})
}

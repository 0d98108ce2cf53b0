package models_test

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/innovation-accelerators/portal/migrations"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// typed is what a person might have typed; it must never reach the log through failed SQL.
const typed = "Mrs Marker's private words"

// lockedLog collects log lines from the database's goroutines.
type lockedLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *lockedLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *lockedLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// openLogged opens a migrated database of the dialect whose log goes to the returned buffer.
func openLogged(t *testing.T, dialect migrations.Dialect) (*models.Database, *lockedLog) {
	t.Helper()
	owner := "sqlite:" + filepath.Join(t.TempDir(), "portal.db")
	application := owner
	if dialect == migrations.Postgres {
		urls := modeltest.NewPostgresURLs(t)
		owner, application = urls.Owner, urls.Application
	}
	migrator, err := models.Open(context.Background(), owner, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := migrator.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	_ = migrator.Close()
	log := &lockedLog{}
	db, err := models.Open(context.Background(), application, slog.New(slog.NewJSONHandler(log, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db, log
}

func TestFailedSQL_LogsNeitherTheValuesSentNorTheValuesTheDatabaseQuotes(t *testing.T) {
	for _, dialect := range modeltest.Dialects() {
		t.Run(string(dialect), func(t *testing.T) {
			db, log := openLogged(t, dialect)
			store := models.NewStore(db.Gorm)
			ctx := context.Background()
			// A CHECK constraint refuses the row: the statement that carried the words is logged.
			bad := models.Programme{Name: typed, EnvelopePence: -1, FirstFinancialYear: 2023, LastFinancialYear: 2024,
				CreatedAt: testNow, UpdatedAt: testNow}
			createErr := store.CreateProgramme(ctx, &bad)
			if createErr == nil {
				t.Fatal("a negative envelope was stored")
			}
			errs := []error{createErr}
			if dialect == migrations.Postgres {
				// PostgreSQL quotes the value it cannot read in its message.
				quoted := db.Gorm.Exec("SELECT CAST(? AS BIGINT)", typed).Error
				if quoted == nil || !strings.Contains(quoted.Error(), "Marker") {
					t.Fatalf("the database did not quote the value (%v): the test proves nothing", quoted)
				}
				errs = append(errs, models.Translate(quoted))
			}
			if !strings.Contains(log.String(), "SQL executed") {
				t.Fatalf("the failed statements were not logged at all:\n%s", log)
			}
			if strings.Contains(log.String(), "Marker") {
				t.Errorf("the log carries what was typed:\n%s", log)
			}
			for _, err := range errs {
				if strings.Contains(err.Error(), "Marker") {
					t.Errorf("the error passed up carries what was typed: %v", err)
				}
			}
		})
	}
}

package models_test

import (
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gorm.io/gorm"
	"gorm.io/gorm/schema"

	"github.com/innovation-accelerators/portal/migrations"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// column is what must agree between the dialects: the name, a dialect-free type and whether NULL is allowed.
type column struct {
	Name     string
	Type     string
	Nullable bool
}

func TestMigrations_BothDialectsGiveTheSameTablesAndColumns(t *testing.T) {
	if len(modeltest.Dialects()) < 2 {
		t.Skip(modeltest.PostgresURLVariable + " is not set: only SQLite can be checked")
	}
	sqlite := describeSchema(t, modeltest.New(t, migrations.SQLite))
	postgres := describeSchema(t, modeltest.New(t, migrations.Postgres))
	if diff := cmp.Diff(sqlite, postgres); diff != "" {
		t.Errorf("SQLite (-) and PostgreSQL (+) schemas differ:\n%s", diff)
	}
}

// TestMigrations_BothDialectsGiveTheSameIndexes compares the indexes a migration names, so that a table
// rebuilt on SQLite (which cannot change a column in place) cannot lose one without notice.
func TestMigrations_BothDialectsGiveTheSameIndexes(t *testing.T) {
	if len(modeltest.Dialects()) < 2 {
		t.Skip(modeltest.PostgresURLVariable + " is not set: only SQLite can be checked")
	}
	sqlite := namedIndexes(t, modeltest.New(t, migrations.SQLite))
	postgres := namedIndexes(t, modeltest.New(t, migrations.Postgres))
	if diff := cmp.Diff(sqlite, postgres); diff != "" {
		t.Errorf("SQLite (-) and PostgreSQL (+) indexes differ:\n%s", diff)
	}
	if len(sqlite) < 10 {
		t.Errorf("only %d named indexes found: %v", len(sqlite), sqlite)
	}
}

// namedIndexes lists "table.index" for every index a migration created by name, leaving out those the
// database makes itself for primary keys and UNIQUE constraints, and PostgreSQL's full-text GIN indexes,
// whose SQLite counterpart is an FTS5 table.
func namedIndexes(t *testing.T, db *models.Database) []string {
	t.Helper()
	query := `SELECT tbl_name || '.' || name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`
	if db.Dialect == migrations.Postgres {
		query = `SELECT i.tablename || '.' || i.indexname FROM pg_indexes i
			WHERE i.schemaname = current_schema() AND i.indexdef NOT LIKE '%USING gin%' AND NOT EXISTS (
				SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.connamespace = current_schema()::regnamespace)`
	}
	var names []string
	if err := db.Gorm.Raw(query).Scan(&names).Error; err != nil {
		t.Fatalf("read indexes: %v", err)
	}
	sort.Strings(names)
	return names
}

func TestModels_MatchTheMigratedTables(t *testing.T) {
	for _, dialect := range modeltest.Dialects() {
		t.Run(string(dialect), func(t *testing.T) {
			db := modeltest.New(t, dialect)
			tables := describeSchema(t, db)
			for _, entity := range models.Entities() {
				s := parseModel(t, db.Gorm, entity)
				columns, ok := tables[s.Table]
				if !ok {
					t.Errorf("model %s maps to table %q, which the migrations do not create", s.Name, s.Table)
					continue
				}
				if diff := cmp.Diff(columnNames(columns), modelColumns(s)); diff != "" {
					t.Errorf("table %s (-) and model %s (+) columns differ:\n%s", s.Table, s.Name, diff)
				}
			}
		})
	}
}

// describeSchema reads the tables and columns from the database's own catalogue, not from GORM, so the
// comparison does not depend on how a driver parses DDL. The full-text search's own storage is left out:
// SQLite's FTS5 index (a virtual table and its shadow tables) and PostgreSQL's generated tsvector columns
// are derived from the columns compared, like an index.
func describeSchema(t *testing.T, db *models.Database) map[string][]column {
	t.Helper()
	query := `SELECT m.name, p.name, p.type, p."notnull" = 0 AND p.pk = 0
		FROM sqlite_master m JOIN pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
		AND NOT EXISTS (SELECT 1 FROM sqlite_master v WHERE v.sql LIKE 'CREATE VIRTUAL TABLE%'
			AND (m.name = v.name OR m.name LIKE v.name || '!_%' ESCAPE '!'))`
	if db.Dialect == migrations.Postgres {
		query = `SELECT table_name, column_name, data_type, is_nullable = 'YES'
			FROM information_schema.columns WHERE table_schema = current_schema() AND is_generated = 'NEVER'`
	}
	rows, err := db.Gorm.Raw(query).Rows()
	if err != nil {
		t.Fatalf("read catalogue: %v", err)
	}
	defer rows.Close()
	described := map[string][]column{}
	for rows.Next() {
		var table string
		var c column
		if err := rows.Scan(&table, &c.Name, &c.Type, &c.Nullable); err != nil {
			t.Fatal(err)
		}
		if table == "goose_db_version" {
			continue
		}
		c.Type = normaliseType(c.Type)
		described[table] = append(described[table], c)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	for _, columns := range described {
		sort.Slice(columns, func(i, j int) bool { return columns[i].Name < columns[j].Name })
	}
	return described
}

// normaliseType maps each dialect's spelling of a type to one word.
func normaliseType(databaseType string) string {
	switch t := strings.ToLower(databaseType); {
	case t == "integer", t == "int", t == "int4", t == "int8", t == "bigint", t == "bigserial", t == "serial":
		return "integer"
	case t == "text", t == "varchar", t == "character varying":
		return "text"
	case strings.HasPrefix(t, "timestamp"), t == "datetime", t == "timestamptz":
		return "time"
	default:
		return t
	}
}

func columnNames(columns []column) []string {
	names := make([]string, 0, len(columns))
	for _, c := range columns {
		names = append(names, c.Name)
	}
	return names
}

func parseModel(t *testing.T, db *gorm.DB, entity any) *schema.Schema {
	t.Helper()
	s, err := schema.Parse(entity, &sync.Map{}, db.NamingStrategy)
	if err != nil {
		t.Fatalf("parse model %T: %v", entity, err)
	}
	return s
}

func modelColumns(s *schema.Schema) []string {
	var names []string
	for _, f := range s.Fields {
		if f.DBName != "" {
			names = append(names, f.DBName)
		}
	}
	sort.Strings(names)
	return names
}

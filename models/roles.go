package models

import (
	"context"
	"fmt"
	"strings"

	"github.com/innovation-accelerators/portal/migrations"
)

// ApplicationRoleProblems says what is wrong with this connection's role for serving the portal on
// PostgreSQL: it must not be a superuser or able to bypass row-level security (whether itself or through a
// role it can become), and must not own any table of the schema, since an owner can switch row-level security
// and the audit triggers off. No problems means none; SQLite has no roles and never has any.
func (d *Database) ApplicationRoleProblems(ctx context.Context) ([]string, error) {
	if d.Dialect != migrations.Postgres {
		return nil, nil
	}
	var powers struct {
		Role      string
		Superuser bool
		BypassRLS bool
	}
	err := d.Gorm.WithContext(ctx).Raw(`SELECT current_user AS role,
			coalesce(bool_or(r.rolsuper), false) AS superuser, coalesce(bool_or(r.rolbypassrls), false) AS bypass_rls
		FROM pg_roles r WHERE pg_has_role(current_user, r.oid, 'MEMBER')`).Scan(&powers).Error
	if err != nil {
		return nil, fmt.Errorf("read the connection's role: %w", err)
	}
	var owned []string
	err = d.Gorm.WithContext(ctx).Raw(`SELECT c.relname FROM pg_class c
		JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND pg_has_role(current_user, c.relowner, 'MEMBER')
		ORDER BY c.relname`).Scan(&owned).Error
	if err != nil {
		return nil, fmt.Errorf("read the tables the connection owns: %w", err)
	}
	var problems []string
	if powers.Superuser {
		problems = append(problems, fmt.Sprintf("role %s is a superuser", powers.Role))
	}
	if powers.BypassRLS {
		problems = append(problems, fmt.Sprintf("role %s can bypass row-level security", powers.Role))
	}
	if len(owned) > 0 {
		problems = append(problems, fmt.Sprintf("role %s owns tables (%s)", powers.Role, someNames(owned)))
	}
	return problems, nil
}

// PendingMigrations reports whether the schema lacks migrations this binary has.
func (d *Database) PendingMigrations(ctx context.Context) (bool, error) {
	sqlDB, err := d.Gorm.DB()
	if err != nil {
		return false, err
	}
	return migrations.Pending(ctx, sqlDB, d.Dialect)
}

// someNames lists the first few names and says how many more there are.
func someNames(names []string) string {
	const shown = 3
	if len(names) <= shown {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:shown], ", "), len(names)-shown)
}

package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/innovation-accelerators/portal/models"
)

// openMigrated brings the schema up to date through the owner's connection, when this process has one, and
// opens the application's connection: the start of every command that works on the database. It refuses an
// application connection with powers it must not have in production (a warning in development), and a schema
// with migrations pending that this process cannot apply. The caller closes the database.
func openMigrated(ctx context.Context, cfg config, log *slog.Logger) (*models.Database, error) {
	if cfg.MigrateDatabaseURL != "" {
		if err := migrate(ctx, cfg.MigrateDatabaseURL, log); err != nil {
			return nil, err
		}
	}
	db, err := models.Open(ctx, cfg.DatabaseURL, log)
	if err != nil {
		return nil, err
	}
	if err := checkApplicationDatabase(ctx, cfg, db, log); err != nil {
		_ = db.Close()
		return nil, err
	}
	return db, nil
}

// migrate applies pending migrations as the owner of the tables.
func migrate(ctx context.Context, ownerURL string, log *slog.Logger) error {
	owner, err := models.Open(ctx, ownerURL, log)
	if err != nil {
		return err
	}
	defer owner.Close()
	applied, err := owner.Migrate(ctx)
	for _, m := range applied {
		log.Info("applied migration", "file", m)
	}
	return err
}

func checkApplicationDatabase(ctx context.Context, cfg config, db *models.Database, log *slog.Logger) error {
	problems, err := db.ApplicationRoleProblems(ctx)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		summary := strings.Join(problems, "; ")
		if cfg.Production {
			return bad("PORTAL_DATABASE_URL", "%s: the portal must connect as a role that owns nothing and cannot bypass row-level security (a member of portal_app)", summary)
		}
		log.Warn("the application's database role has more power than production allows", "problems", summary)
	}
	pending, err := db.PendingMigrations(ctx)
	if err != nil {
		return fmt.Errorf("check migrations: %w", err)
	}
	if pending {
		return errors.New("database: migrations are pending: run `portal migrate` with PORTAL_MIGRATE_DATABASE_URL, the tables' owner's connection")
	}
	return nil
}

// openFromEnvironment loads the settings, makes the logger and opens the migrated database. The caller
// closes it.
func openFromEnvironment(ctx context.Context, env environment) (config, *slog.Logger, *models.Database, error) {
	cfg, err := loadConfig(env.getenv, env.readFile)
	if err != nil {
		return cfg, nil, nil, err
	}
	log := newLogger(env.stderr, cfg.Production)
	db, err := openMigrated(ctx, cfg, log)
	return cfg, log, db, err
}

func runMigrate(ctx context.Context, env environment, args []string) error {
	fs := newFlags(env, "migrate", "migrate\n\nApplies every pending database migration as the owner of the tables: PORTAL_MIGRATE_DATABASE_URL,\nor in development PORTAL_DATABASE_URL (SQLite portal.db when unset).")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := loadConfig(env.getenv, env.readFile)
	if err != nil {
		return err
	}
	log := newLogger(env.stderr, cfg.Production)
	if cfg.MigrateDatabaseURL == "" {
		return bad("PORTAL_MIGRATE_DATABASE_URL", "is required in production: the connection of the role that owns the portal's tables")
	}
	if err := migrate(ctx, cfg.MigrateDatabaseURL, log); err != nil {
		return err
	}
	log.Info("database is up to date")
	return nil
}

package app

import (
	"log/slog"
	"time"

	"github.com/innovation-accelerators/portal/models"
)

// Services bundles every capability, built over one store, so the binary and the tests wire them alike.
type Services struct {
	Settings      Settings
	Identity      *Identity
	People        *People
	Overview      *Overview
	Organisations *Organisations
	Projects      *Projects
	APITokens     *APITokens
	Programmes    *Programmes
	RateLimiter   *RateLimiter
	Housekeeping  *Housekeeping
	AuditTrail    *AuditTrail
}

// NewServices builds the services. now may be nil for the real clock.
func NewServices(store *models.Store, settings Settings, identity IdentityConfig, now func() time.Time, log *slog.Logger) (*Services, error) {
	id, err := NewIdentity(store, identity, now, log)
	if err != nil {
		return nil, err
	}
	return &Services{
		Settings:      settings,
		Identity:      id,
		People:        NewPeople(store, identity.Providers, now, log),
		Overview:      NewOverview(store),
		Organisations: NewOrganisations(store, now),
		Projects:      NewProjects(store, now),
		Programmes:    NewProgrammes(store, now),
		RateLimiter:   NewRateLimiter(store, settings.RateLimits, now),
		Housekeeping:  NewHousekeeping(store, id.SessionIdle(), now),
		APITokens:     NewAPITokens(store, now),
		AuditTrail:    NewAuditTrail(store, now),
	}, nil
}

package app

import (
	"slices"

	"github.com/innovation-accelerators/portal/models"
)

// Principal is the person a request acts for: who they are, the tenant they act in and their roles there.
type Principal struct {
	UserID     int64
	Name       string
	Email      string
	TenantID   int64
	TenantName string
	TenantKind models.TenantKind
	Roles      []models.Role
	// OtherTenants are the other tenants the person holds a role in: they may switch to act there.
	OtherTenants []int64
	// Provider and VerifiedEmail are, for a signed-in browser, the identity provider it came through and the
	// address that provider verified: the person may accept invitations to that address from their account.
	Provider      string
	VerifiedEmail string
}

// Authenticated reports whether the principal stands for a signed-in person.
func (p Principal) Authenticated() bool { return p.UserID > 0 && p.TenantID > 0 }

// IsCentral reports whether the principal acts for central government, which oversees every tenant.
func (p Principal) IsCentral() bool { return p.TenantKind == models.TenantCentral }

// HasRole reports whether the principal holds a role in their tenant.
func (p Principal) HasRole(r models.Role) bool { return slices.Contains(p.Roles, r) }

// DisplayName is the name to show, falling back on the e-mail address.
func (p Principal) DisplayName() string {
	if p.Name != "" {
		return p.Name
	}
	return p.Email
}

// RoleLabels names the principal's roles as people read them.
func (p Principal) RoleLabels() []string {
	labels := make([]string, 0, len(p.Roles))
	for _, r := range p.Roles {
		labels = append(labels, r.Label())
	}
	return labels
}

package models

// Scope says whose records a query may read: one tenant's, or (for central government) every tenant's.
// There is no zero value that means "everything": an empty Scope is refused with ErrNoTenant.
type Scope struct {
	tenantID   int64
	allTenants bool
}

// InTenant scopes a query to one tenant.
func InTenant(tenantID int64) Scope { return Scope{tenantID: tenantID} }

// AllTenants scopes a query to every tenant, for central government's oversight.
func AllTenants() Scope { return Scope{allTenants: true} }

// TenantID is the one tenant the scope names, or 0 for every tenant.
func (s Scope) TenantID() int64 { return s.tenantID }

// All reports whether the scope covers every tenant.
func (s Scope) All() bool { return s.allTenants }

func (s Scope) check() error {
	if s.allTenants {
		return nil
	}
	return requireTenant(s.tenantID)
}

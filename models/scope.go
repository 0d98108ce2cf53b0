package models

import (
	"strconv"

	"gorm.io/gorm"
)

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

// where limits a query on a tenant-owned table to the scope's tenant; an all-tenants scope adds nothing.
func (s Scope) where(db *gorm.DB, table string) *gorm.DB {
	if s.allTenants {
		return db
	}
	return db.Where(table+".tenant_id = ?", s.tenantID)
}

// setting is the value of the transaction-local portal.tenant setting that row-level security reads.
func (s Scope) setting() string {
	if s.allTenants {
		return settingAllTenants
	}
	return strconv.FormatInt(s.tenantID, 10)
}

// settingAllTenants is the tenant setting of central government's scope, which sees every tenant.
const settingAllTenants = "all"

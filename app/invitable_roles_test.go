package app_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
)

func TestInvitableRoles_ProgrammeAdminAnyRoleOfTheTenantKindManagerStaffAndLeadsAtHomeOthersNone(t *testing.T) {
	central := models.Tenant{ID: 1, Kind: models.TenantCentral, Slug: "central"}
	manchester := models.Tenant{ID: 2, Kind: models.TenantAccelerator, Slug: "greater-manchester"}
	midlands := models.Tenant{ID: 3, Kind: models.TenantAccelerator, Slug: "west-midlands"}
	centralRoles := []models.Role{models.RoleProgrammeAdmin, models.RoleFundingApprover, models.RoleObserver}
	acceleratorRoles := []models.Role{models.RoleObserver, models.RolePartnershipManager, models.RolePartnershipStaff, models.RoleProjectLead}
	staffAndLeads := []models.Role{models.RolePartnershipStaff, models.RoleProjectLead}

	in := func(t models.Tenant, roles ...models.Role) app.Principal {
		return app.Principal{UserID: 1, TenantID: t.ID, TenantKind: t.Kind, Roles: roles}
	}
	cases := []struct {
		name      string
		principal app.Principal
		tenant    models.Tenant
		want      []models.Role
	}{
		{"central programme admin, central", in(central, models.RoleProgrammeAdmin), central, centralRoles},
		{"central programme admin, an accelerator", in(central, models.RoleProgrammeAdmin), manchester, acceleratorRoles},
		{"central programme admin, another accelerator", in(central, models.RoleProgrammeAdmin), midlands, acceleratorRoles},
		{"partnership manager, own accelerator", in(manchester, models.RolePartnershipManager), manchester, staffAndLeads},
		{"partnership manager, another accelerator", in(manchester, models.RolePartnershipManager), midlands, nil},
		{"partnership manager, central", in(manchester, models.RolePartnershipManager), central, nil},
		{"programme admin placed in an accelerator", in(manchester, models.RoleProgrammeAdmin), manchester, nil},
		{"funding approver", in(central, models.RoleFundingApprover), manchester, nil},
		{"central observer", in(central, models.RoleObserver), central, nil},
		{"accelerator observer", in(manchester, models.RoleObserver), manchester, nil},
		{"partnership staff", in(manchester, models.RolePartnershipStaff), manchester, nil},
		{"project lead", in(manchester, models.RoleProjectLead), manchester, nil},
		{"signed out programme admin", app.Principal{TenantID: 1, TenantKind: models.TenantCentral, Roles: []models.Role{models.RoleProgrammeAdmin}}, manchester, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if diff := cmp.Diff(c.want, c.principal.InvitableRoles(c.tenant)); diff != "" {
				t.Errorf("InvitableRoles (-want +got):\n%s", diff)
			}
		})
	}
}

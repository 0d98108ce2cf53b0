package app_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
)

const yes, no = true, false

// permissionColumns are the columns of the tables below, in order. A new action must be added here and
// decided for every role, or TestPermissions_EveryRoleAndActionIsDecidedExplicitly fails.
var permissionColumns = []app.Action{
	app.ActionViewProgramme, app.ActionViewTenant, app.ActionViewPeople, app.ActionInvitePeople, app.ActionManagePeople,
	app.ActionViewProjects, app.ActionEditProjects, app.ActionSubmitProjects, app.ActionWithdrawProjects,
	app.ActionDecideProjects, app.ActionCloseProjects, app.ActionViewOrganisations, app.ActionManageOrganisations,
	app.ActionManageProgramme, app.ActionVerifyAudit,
}

// The permission tables, written out: changing a grant must change this file. Columns as above:
//
//	programme, tenant, people, invite, manage | projects: view, edit, submit, withdraw, decide, close | organisations: view, manage
//	| programme set-up (edit it, add and edit accelerators), audit: verify
var (
	centralPermissions = map[models.Role][]bool{
		models.RoleProgrammeAdmin:     {yes, yes, yes, yes, yes /**/, yes, no, no, no, no, no /**/, yes, no /**/, yes, yes},
		models.RoleFundingApprover:    {yes, yes, no, no, no /**/, yes, no, no, no, yes, yes /**/, yes, no /**/, no, no},
		models.RoleObserver:           {yes, yes, no, no, no /**/, yes, no, no, no, no, no /**/, yes, no /**/, no, no},
		models.RolePartnershipManager: {no, yes, yes, yes, yes /**/, yes, yes, yes, yes, no, no /**/, yes, yes /**/, no, no},
		models.RolePartnershipStaff:   {no, yes, no, no, no /**/, yes, yes, no, no, no, no /**/, yes, yes /**/, no, no},
		models.RoleProjectLead:        {no, yes, no, no, no /**/, yes, yes, no, no, no, no /**/, yes, yes /**/, no, no},
	}
	// In an accelerator nobody views the whole programme: a Levelling Up Director sees their place only.
	acceleratorPermissions = map[models.Role][]bool{
		models.RoleProgrammeAdmin:     {no, yes, yes, yes, yes /**/, yes, no, no, no, no, no /**/, yes, no /**/, no, no},
		models.RoleFundingApprover:    {no, yes, no, no, no /**/, yes, no, no, no, yes, yes /**/, yes, no /**/, no, no},
		models.RoleObserver:           {no, yes, no, no, no /**/, yes, no, no, no, no, no /**/, yes, no /**/, no, no},
		models.RolePartnershipManager: {no, yes, yes, yes, yes /**/, yes, yes, yes, yes, no, no /**/, yes, yes /**/, no, no},
		models.RolePartnershipStaff:   {no, yes, no, no, no /**/, yes, yes, no, no, no, no /**/, yes, yes /**/, no, no},
		models.RoleProjectLead:        {no, yes, no, no, no /**/, yes, yes, no, no, no, no /**/, yes, yes /**/, no, no},
	}
)

func TestPermissions_EveryRoleAndActionIsDecidedExplicitly(t *testing.T) {
	if diff := cmp.Diff(permissionColumns, app.AllActions); diff != "" {
		t.Fatalf("app.AllActions changed: decide the new action for every role below (-columns +AllActions):\n%s", diff)
	}
	for kind, table := range map[models.TenantKind]map[models.Role][]bool{
		models.TenantCentral: centralPermissions, models.TenantAccelerator: acceleratorPermissions,
	} {
		if len(table) != len(models.AllRoles) {
			t.Errorf("%s table has %d roles, models.AllRoles %d", kind, len(table), len(models.AllRoles))
		}
		for _, role := range models.AllRoles {
			want, ok := table[role]
			if !ok || len(want) != len(app.AllActions) {
				t.Errorf("%s table does not decide every action for role %s", kind, role)
				continue
			}
			p := app.Principal{UserID: 1, TenantID: 10, TenantKind: kind, Roles: []models.Role{role}}
			for i, action := range app.AllActions {
				if got := p.Can(action); got != want[i] {
					t.Errorf("%s %s Can(%s) = %v, want %v", kind, role, action, got, want[i])
				}
				if got := p.CanIn(action, p.TenantID); got != want[i] {
					t.Errorf("%s %s CanIn(%s, own tenant) = %v, want %v", kind, role, action, got, want[i])
				}
			}
		}
	}
}

func TestPermissions_WithoutAUserATenantOrARoleNothingIsAllowed(t *testing.T) {
	principals := map[string]app.Principal{
		"no user":   {TenantID: 10, TenantKind: models.TenantCentral, Roles: []models.Role{models.RoleProgrammeAdmin}},
		"no tenant": {UserID: 1, TenantKind: models.TenantCentral, Roles: []models.Role{models.RoleProgrammeAdmin}},
		"no role":   {UserID: 1, TenantID: 10, TenantKind: models.TenantCentral},
	}
	for name, p := range principals {
		for _, action := range app.AllActions {
			if p.Can(action) || p.CanIn(action, 10) {
				t.Errorf("%s: may %s, want not", name, action)
			}
		}
	}
}

func TestReaches_CentralEveryTenantOthersTheirOwnNobodyTheZeroTenant(t *testing.T) {
	const central, manchester, midlands = 1, 2, 3
	admin := app.Principal{UserID: 1, TenantID: central, TenantKind: models.TenantCentral, Roles: []models.Role{models.RoleProgrammeAdmin}}
	manager := app.Principal{UserID: 2, TenantID: manchester, TenantKind: models.TenantAccelerator, Roles: []models.Role{models.RolePartnershipManager}}
	signedOut := app.Principal{TenantID: manchester, TenantKind: models.TenantAccelerator, Roles: []models.Role{models.RolePartnershipManager}}
	cases := []struct {
		name      string
		principal app.Principal
		tenant    int64
		reaches   bool
		canInvite bool // CanIn(ActionInvitePeople, tenant)
	}{
		{"central its own tenant", admin, central, yes, yes},
		{"central an accelerator", admin, manchester, yes, yes},
		{"central another accelerator", admin, midlands, yes, yes},
		{"central the zero tenant", admin, 0, no, no},
		{"central a negative tenant", admin, -1, no, no},
		{"accelerator its own tenant", manager, manchester, yes, yes},
		{"accelerator another accelerator", manager, midlands, no, no},
		{"accelerator the central tenant", manager, central, no, no},
		{"accelerator the zero tenant", manager, 0, no, no},
		{"signed out its own tenant", signedOut, manchester, no, no},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := c.principal.Reaches(c.tenant); got != c.reaches {
				t.Errorf("Reaches(%d) = %v, want %v", c.tenant, got, c.reaches)
			}
			if got := c.principal.CanIn(app.ActionInvitePeople, c.tenant); got != c.canInvite {
				t.Errorf("CanIn(invite_people, %d) = %v, want %v", c.tenant, got, c.canInvite)
			}
		})
	}
}

package app

import (
	"slices"

	"github.com/innovation-accelerators/portal/models"
)

// Action is something a role may be allowed to do. This file is the one place that decides which role may
// do what; services ask Principal.Can or Principal.CanIn and never test roles themselves.
type Action string

const (
	ActionViewProgramme Action = "view_programme" // the overview of every accelerator and the envelope
	ActionViewTenant    Action = "view_tenant"    // a tenant's own overview
	ActionViewPeople    Action = "view_people"    // the people of a tenant and their open invitations
	ActionInvitePeople  Action = "invite_people"
	ActionManagePeople  Action = "manage_people" // change roles, remove, disable and re-enable people; withdraw invitations

	ActionViewProjects        Action = "view_projects"        // the register (a project lead: only their projects)
	ActionEditProjects        Action = "edit_projects"        // create projects and edit drafts (a lead: their own)
	ActionSubmitProjects      Action = "submit_projects"      // send a draft for approval
	ActionWithdrawProjects    Action = "withdraw_projects"    // withdraw a draft or submitted project
	ActionDecideProjects      Action = "decide_projects"      // approve, reject or request changes
	ActionCloseProjects       Action = "close_projects"       // close an approved project
	ActionViewOrganisations   Action = "view_organisations"   // the organisations register
	ActionManageOrganisations Action = "manage_organisations" // add and edit organisations
	ActionManageProgramme     Action = "manage_programme"     // edit the programme, add and edit accelerators

	ActionVerifyAudit Action = "verify_audit" // check the audit trail's hash chains
)

// AllActions lists every action, for the permission table test.
var AllActions = []Action{
	ActionViewProgramme, ActionViewTenant, ActionViewPeople, ActionInvitePeople, ActionManagePeople,
	ActionViewProjects, ActionEditProjects, ActionSubmitProjects, ActionWithdrawProjects,
	ActionDecideProjects, ActionCloseProjects, ActionViewOrganisations, ActionManageOrganisations,
	ActionManageProgramme, ActionVerifyAudit,
}

// grants says which actions each role allows. Where the action applies is decided by Reaches: central
// roles reach every tenant, everyone else only their own.
var grants = map[models.Role][]Action{
	models.RoleProgrammeAdmin: {ActionViewProgramme, ActionViewTenant, ActionViewPeople, ActionInvitePeople, ActionManagePeople,
		ActionViewProjects, ActionViewOrganisations, ActionManageProgramme, ActionVerifyAudit},
	models.RoleFundingApprover: {ActionViewProgramme, ActionViewTenant, ActionViewProjects, ActionViewOrganisations,
		ActionDecideProjects, ActionCloseProjects},
	models.RoleObserver: {ActionViewProgramme, ActionViewTenant, ActionViewProjects, ActionViewOrganisations},
	models.RolePartnershipManager: {ActionViewTenant, ActionViewPeople, ActionInvitePeople, ActionManagePeople,
		ActionViewProjects, ActionEditProjects, ActionSubmitProjects, ActionWithdrawProjects,
		ActionViewOrganisations, ActionManageOrganisations},
	models.RolePartnershipStaff: {ActionViewTenant, ActionViewProjects, ActionEditProjects,
		ActionViewOrganisations, ActionManageOrganisations},
	models.RoleProjectLead: {ActionViewTenant, ActionViewProjects, ActionEditProjects,
		ActionViewOrganisations, ActionManageOrganisations},
}

// OnlyOwnProjects reports whether the principal sees and edits only the projects they lead: true for a
// project lead without a wider role in their tenant.
func (p Principal) OnlyOwnProjects() bool {
	if !p.HasRole(models.RoleProjectLead) {
		return false
	}
	for _, r := range p.Roles {
		if r != models.RoleProjectLead && slices.Contains(grants[r], ActionViewProjects) {
			return false
		}
	}
	return true
}

// centralOnly actions concern the whole programme, so they need the principal to act for central government:
// an observer placed in one accelerator (a Levelling Up Director) sees that place only.
var centralOnly = []Action{ActionViewProgramme, ActionManageProgramme, ActionVerifyAudit}

// Can reports whether any of the principal's roles allows the action.
func (p Principal) Can(a Action) bool {
	if !p.Authenticated() || (slices.Contains(centralOnly, a) && !p.IsCentral()) {
		return false
	}
	for _, r := range p.Roles {
		if slices.Contains(grants[r], a) {
			return true
		}
	}
	return false
}

// Reaches reports whether the principal may see a tenant's records at all.
func (p Principal) Reaches(tenantID int64) bool {
	return p.Authenticated() && tenantID > 0 && (p.IsCentral() || tenantID == p.TenantID)
}

// CanIn reports whether the principal may do the action to a tenant's records.
func (p Principal) CanIn(a Action, tenantID int64) bool {
	return p.Reaches(tenantID) && p.Can(a)
}

// rolesForTenant lists the roles a tenant of each kind can hold.
func rolesForTenant(kind models.TenantKind) []models.Role {
	if kind == models.TenantCentral {
		return []models.Role{models.RoleProgrammeAdmin, models.RoleFundingApprover, models.RoleObserver}
	}
	return []models.Role{models.RoleObserver, models.RolePartnershipManager, models.RolePartnershipStaff, models.RoleProjectLead}
}

// InvitableRoles lists the roles the principal may invite people to in a tenant, and so give, change and take
// away there: a programme administrator any role the tenant can hold; a partnership manager their staff and
// project leads in their own tenant.
func (p Principal) InvitableRoles(t models.Tenant) []models.Role {
	if !p.CanIn(ActionInvitePeople, t.ID) {
		return nil
	}
	if p.HasRole(models.RoleProgrammeAdmin) && p.IsCentral() {
		return rolesForTenant(t.Kind)
	}
	if p.HasRole(models.RolePartnershipManager) && t.ID == p.TenantID {
		return []models.Role{models.RolePartnershipStaff, models.RoleProjectLead}
	}
	return nil
}

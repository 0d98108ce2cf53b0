package models

// Role is what a person may do within a tenant. The values are stored, so never rename one.
type Role string

const (
	RoleProgrammeAdmin     Role = "programme_admin"
	RoleFundingApprover    Role = "funding_approver"
	RoleObserver           Role = "observer"
	RolePartnershipManager Role = "partnership_manager"
	RolePartnershipStaff   Role = "partnership_staff"
	RoleProjectLead        Role = "project_lead"
)

// AllRoles lists every role, in the order pages show them.
var AllRoles = []Role{
	RoleProgrammeAdmin, RoleFundingApprover, RoleObserver,
	RolePartnershipManager, RolePartnershipStaff, RoleProjectLead,
}

// Label is the role's name as people read it.
func (r Role) Label() string {
	switch r {
	case RoleProgrammeAdmin:
		return "Programme administrator"
	case RoleFundingApprover:
		return "Funding approver"
	case RoleObserver:
		return "Observer"
	case RolePartnershipManager:
		return "Partnership manager"
	case RolePartnershipStaff:
		return "Partnership staff"
	case RoleProjectLead:
		return "Project lead"
	}
	return string(r)
}

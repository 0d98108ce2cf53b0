package models

// Entities lists one value of every type the store maps to a table; the schema test checks each against
// the migrations, so a model that drifts from its table fails the build's tests, not production.
func Entities() []any {
	return []any{
		&Programme{}, &Tenant{}, &User{}, &Membership{}, &Invitation{},
		&Session{}, &LoginTransaction{}, &AuditEvent{},
		&LocalAuthority{}, &Indicator{}, &Organisation{}, &Project{}, &ProjectPartner{}, &ProjectTarget{},
		&ProjectLead{}, &ProjectReferenceCounter{}, &APIToken{},
	}
}

package models

// Entities lists one value of every type the store maps to a table; the schema test checks each against
// the migrations, so a model that drifts from its table fails the build's tests, not production.
func Entities() []any {
	return append(Records(), Bookkeeping()...)
}

// Records are the tables of the portal's records: people, sign-ins, the register and its audit trail.
// Tests that prove a request changed nothing compare their row counts.
func Records() []any {
	return []any{
		&Programme{}, &Tenant{}, &User{}, &Membership{}, &Invitation{},
		&Session{}, &LoginTransaction{}, &AuditEvent{},
		&LocalAuthority{}, &Indicator{}, &Organisation{}, &Project{}, &ProjectPartner{}, &ProjectTarget{},
		&ProjectLead{}, &ProjectReferenceCounter{}, &APIToken{},
	}
}

// Bookkeeping are the tables the portal keeps about requests and its own work rather than anyone's
// records: rate-limit counters and periodic job runs. A refused request still counts against its limit.
func Bookkeeping() []any {
	return []any{&RateLimitWindow{}, &ScheduledJob{}}
}

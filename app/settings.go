package app

// Settings are the business settings an operator may change in the PORTAL_CONFIG file. Each has a default
// (DefaultSettings), so a portal with no configuration file behaves sensibly.
type Settings struct {
	// SupportEmail is where people are told to write when they need help; pages show it.
	SupportEmail string
	// RateLimits are the limits on sign-ins, forms and the API (DefaultRateLimits).
	RateLimits RateLimits
	// ExportConcurrency is how many register exports one portal process prepares at once; one more is
	// asked to try again shortly.
	ExportConcurrency int
}

// DefaultSettings returns the settings a portal runs with when the configuration file says nothing.
func DefaultSettings() Settings {
	return Settings{SupportEmail: "portal-support@example.org", RateLimits: DefaultRateLimits(), ExportConcurrency: 16}
}

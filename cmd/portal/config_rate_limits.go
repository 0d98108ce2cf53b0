package main

import (
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/innovation-accelerators/portal/app"
)

// fileRateLimit is one limit in the PORTAL_CONFIG file; a field left out keeps its default.
type fileRateLimit struct {
	Requests *int   `json:"requests"`
	Per      string `json:"per"`
}

// applyRateLimits sets the limits the file names over the defaults, checking each.
func applyRateLimits(limits *app.RateLimits, file map[string]fileRateLimit) error {
	known := limits.ByName()
	names := slices.Sorted(maps.Keys(file)) // the first mistake reported is the same every time
	for _, name := range names {
		fl := file[name]
		limit, ok := known[app.Limit(name)]
		setting := "PORTAL_CONFIG rate_limits " + name
		if !ok {
			return bad("PORTAL_CONFIG rate_limits", "there is no limit %q; the limits are %s", name, limitNames(known))
		}
		if fl.Requests != nil {
			limit.Requests = *fl.Requests
		}
		if fl.Per != "" {
			per, err := time.ParseDuration(fl.Per)
			if err != nil {
				return bad(setting, "per must be a duration, like 10m or 1h")
			}
			limit.Per = per
		}
		if err := limit.Check(); err != nil {
			return bad(setting, "%v", err)
		}
	}
	return nil
}

func limitNames(known map[app.Limit]*app.RateLimit) string {
	var names []string
	for name := range known {
		names = append(names, string(name))
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

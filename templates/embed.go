// Package templates embeds the portal's HTML templates and static assets. The GOV.UK Frontend files under
// static/govuk are built by `make assets` and not committed; without them the portal still runs, unstyled.
package templates

import "embed"

// Pages holds the layouts, partials and one template file per page.
//
//go:embed layouts partials pages
var Pages embed.FS

// Static holds the files served under /static/.
//
//go:embed all:static
var Static embed.FS

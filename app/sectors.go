package app

// Sector is a technology or industry a project belongs to.
type Sector struct {
	Code  string
	Label string
}

// SectorOther is the code for a sector not in the list; the project then names it in its own words.
const SectorOther = "other"

// Sectors lists the sectors forms offer, with "Other" last.
func Sectors() []Sector {
	return []Sector{
		{"advanced_materials", "Advanced materials and manufacturing"},
		{"health_life_sciences", "Health and life sciences"},
		{"net_zero", "Net zero, energy and clean growth"},
		{"digital_ai", "Digital, AI and data"},
		{"quantum", "Quantum technologies"},
		{"semiconductors", "Semiconductors and photonics"},
		{"engineering_biology", "Engineering biology"},
		{"chemistry", "Chemistry and industrial biotechnology"},
		{"telecoms", "Future telecoms"},
		{"creative_industries", "Creative industries"},
		{"transport", "Transport and mobility"},
		{SectorOther, "Other"},
	}
}

// SectorLabel names a sector for people.
func SectorLabel(code string) string {
	for _, s := range Sectors() {
		if s.Code == code {
			return s.Label
		}
	}
	return code
}

func knownSector(code string) bool {
	for _, s := range Sectors() {
		if s.Code == code {
			return true
		}
	}
	return false
}

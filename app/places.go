package app

// itl1Regions names the UK's International Territorial Level 1 regions by code (ONS, 2021 codes).
var itl1Regions = map[string]string{
	"TLC": "North East (England)",
	"TLD": "North West (England)",
	"TLE": "Yorkshire and The Humber",
	"TLF": "East Midlands (England)",
	"TLG": "West Midlands (England)",
	"TLH": "East of England",
	"TLI": "London",
	"TLJ": "South East (England)",
	"TLK": "South West (England)",
	"TLL": "Wales",
	"TLM": "Scotland",
	"TLN": "Northern Ireland",
}

// ITL1RegionName returns the region's name for an ITL1 code, or the code itself when unknown.
func ITL1RegionName(code string) string {
	if name, ok := itl1Regions[code]; ok {
		return name
	}
	return code
}

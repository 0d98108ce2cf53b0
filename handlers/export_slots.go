package handlers

// defaultExportConcurrency is how many exports a process prepares at once when the configuration says
// nothing.
const defaultExportConcurrency = 16

// exportSlots bounds the exports one process prepares at once: each holds a database connection for a
// moment per chunk and a buffer while it streams, so a crowd of them must not starve ordinary pages.
type exportSlots chan struct{}

func newExportSlots(n int) exportSlots {
	if n < 1 {
		n = defaultExportConcurrency
	}
	return make(exportSlots, n)
}

// tryAcquire takes a slot if one is free, without waiting.
func (e exportSlots) tryAcquire() bool {
	select {
	case e <- struct{}{}:
		return true
	default:
		return false
	}
}

func (e exportSlots) release() { <-e }

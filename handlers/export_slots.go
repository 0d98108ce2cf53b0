package handlers

import "golang.org/x/sync/semaphore"

// defaultExportConcurrency is how many CSV exports a process prepares at once when the configuration says
// nothing.
const defaultExportConcurrency = 16

// xlsxExportWeight is how many CSV exports' worth of capacity a workbook takes: excelize's stream writer
// keeps up to 16 MB of sheet in memory before it spills to a file (a CSV export keeps one chunk of rows),
// so with the default limit a process builds at most two workbooks at once.
const xlsxExportWeight = 8

// exportSlots bounds the exports one process prepares at once: each holds a database connection for a
// moment per chunk and a buffer while it streams, so a crowd of them must not starve ordinary pages or
// exhaust memory.
type exportSlots struct {
	capacity int64
	sem      *semaphore.Weighted
}

func newExportSlots(n int) exportSlots {
	if n < 1 {
		n = defaultExportConcurrency
	}
	return exportSlots{capacity: int64(n), sem: semaphore.NewWeighted(int64(n))}
}

// tryAcquire takes weight slots (never more than there are) if they are free, without waiting, and
// returns what to give back.
func (e exportSlots) tryAcquire(weight int64) (release func(), ok bool) {
	weight = min(weight, e.capacity)
	if !e.sem.TryAcquire(weight) {
		return nil, false
	}
	return func() { e.sem.Release(weight) }, true
}

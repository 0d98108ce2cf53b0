package handlers_test

import (
	"bufio"
	"net/http"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// exportMemory runs `clients` exports of the whole register at once and reports the process's peak
// resident memory while they stream (sampled from /proc every few milliseconds), and the peak of the Go
// heap. The process is the whole portal and its clients, which drop what they read, so the figure is what a
// portal process needs to serve them. The bound it is held to (100 MB with 16 exports of 50,000 rows) is a
// benchmark figure to read, never a timed assertion.
func (n *nationalBench) exportMemory(b *testing.B, path string, clients int) {
	if res, _ := send(b, n.newRequest(b, http.MethodGet, path, "", n.centralCookie, nil)); res.StatusCode == http.StatusNotFound {
		b.Skipf("%s is not served", path)
	}
	runtime.GC()
	debug.FreeOSMemory()
	baseline := residentBytes(b)
	var peakRSS, peakHeap uint64
	for b.Loop() {
		rss, heap := n.concurrentExports(b, path, clients)
		peakRSS, peakHeap = max(peakRSS, rss), max(peakHeap, heap)
	}
	b.ReportMetric(float64(baseline)/(1<<20), "baseline-rss-MB")
	b.ReportMetric(float64(peakRSS)/(1<<20), "peak-rss-MB")
	b.ReportMetric(float64(peakHeap)/(1<<20), "peak-heap-MB")
}

// concurrentExports starts the exports together and samples memory until the last one ends.
func (n *nationalBench) concurrentExports(b *testing.B, path string, clients int) (peakRSS, peakHeap uint64) {
	var wg sync.WaitGroup
	done := make(chan struct{})
	statuses := make([]int, clients)
	for i := range clients {
		wg.Go(func() {
			res, _ := send(b, n.newRequest(b, http.MethodGet, path, "", n.centralCookie, nil))
			statuses[i] = res.StatusCode
		})
	}
	go func() { wg.Wait(); close(done) }()
	ticker := time.NewTicker(5 * time.Millisecond)
	defer ticker.Stop()
	var stats runtime.MemStats
	for {
		select {
		case <-done:
			for _, status := range statuses {
				if status != http.StatusOK {
					b.Fatalf("an export answered %d", status)
				}
			}
			return peakRSS, peakHeap
		case <-ticker.C:
			runtime.ReadMemStats(&stats)
			peakRSS, peakHeap = max(peakRSS, residentBytes(b)), max(peakHeap, stats.HeapInuse)
		}
	}
}

// residentBytes is the process's resident set size (VmRSS in /proc/self/status).
func residentBytes(b *testing.B) uint64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		b.Skip("no /proc to measure resident memory: ", err)
	}
	defer f.Close()
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		if rest, ok := strings.CutPrefix(scanner.Text(), "VmRSS:"); ok {
			kb, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				b.Fatal(err)
			}
			return kb * 1024
		}
	}
	b.Fatal("no VmRSS in /proc/self/status")
	return 0
}

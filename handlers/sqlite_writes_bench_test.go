package handlers_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// BenchmarkSQLiteReadsUnderWrites reads one project through the API, over and over, while 0 or 8 clients
// create projects as fast as they can, and reports reads per second and the median read: with one writer
// connection and a read pool beside it, reads should barely notice the writes queueing.
func BenchmarkSQLiteReadsUnderWrites(b *testing.B) {
	for _, writers := range []int{0, 8} {
		b.Run(fmt.Sprintf("writers-%d", writers), func(b *testing.B) {
			portal := portaltest.Start(b, modeltest.NewSQLite(b), portaltest.Options{})
			portaltest.Fill(b, portal, portaltest.Register{Tenants: 3, ProjectsPerTenant: 1000})
			n := &nationalBench{portal: portal, size: 3000}
			central, gm := portal.NewBrowser(b), portal.NewBrowser(b)
			central.SignInAs("demo-funding-approver")
			gm.SignInAs("demo-gm-manager")
			n.centralToken, n.gmToken = apiToken(b, portal, central), apiToken(b, portal, gm)
			n.gmOrgID, n.sampleID = n.sampleIDs(b)
			stop := n.keepWriting(b, writers)
			read := "/api/v1/projects/" + strconv.FormatInt(n.sampleID, 10)
			var durations []time.Duration
			start := time.Now()
			for b.Loop() {
				began := time.Now()
				send(b, n.newRequest(b, http.MethodGet, read, n.centralToken, "", nil))
				durations = append(durations, time.Since(began))
			}
			elapsed := time.Since(start)
			created := stop()
			b.ReportMetric(float64(len(durations))/elapsed.Seconds(), "reads/s")
			b.ReportMetric(ms(median(durations)), "median-ms")
			b.ReportMetric(float64(created)/elapsed.Seconds(), "creations/s")
		})
	}
}

// keepWriting starts clients that create projects until stopped; stop says how many they created.
func (n *nationalBench) keepWriting(b *testing.B, writers int) (stop func() int) {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	var mu sync.Mutex
	created := 0
	for range writers {
		wg.Go(func() {
			for ctx.Err() == nil {
				res, err := http.DefaultTransport.RoundTrip(n.createRequest(b))
				if err != nil {
					return
				}
				res.Body.Close()
				if res.StatusCode == http.StatusCreated {
					mu.Lock()
					created++
					mu.Unlock()
				}
			}
		})
	}
	return func() int {
		cancel()
		wg.Wait()
		return created
	}
}

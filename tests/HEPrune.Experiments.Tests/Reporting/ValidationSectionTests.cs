using HEPrune.Experiments.Reporting;
using HEPrune.Experiments.Running;
using HEPrune.Experiments.Tests.Fixtures;

namespace HEPrune.Experiments.Tests.Reporting;

public sealed class ValidationSectionTests
{
    [Fact]
    public async Task MeasuredRunsArePairedWithTheirEmulatedTwins()
    {
        var dir = Directory.CreateTempSubdirectory("heprune-val-").FullName;
        try
        {
            await FixtureResults.Create(dir, "name: v\ndatasets: [mnist]\nmethods: [hetal, heprune]\nmeasure: { backend: ckks, preset: paper-n16, samples: 128 }\ntraining: { model: mlp }\n");
            var records = new ResultStore(dir).LoadAll();
            var pairs = ValidationSection.Pairs(records);
            Assert.Equal(2, pairs.Count);
            Assert.All(pairs, p =>
            {
                Assert.Equal("ckks", p.Measured.Run.Backend);
                Assert.Equal("emulated", p.Twin.Run.Backend);
                Assert.True(p.OperationsIdentical);
            });
            var md = ValidationSection.Markdown(records);
            Assert.Contains("| mnist/heprune/keep=0.1/seed=0/ckks/measure | 1000 | 90.50 [ckks-measured] | 90.50 [emulated] | 0.00 | yes |", md);
            // The fake measures 1.5 s; the twin's projection is counts × the fixture calibration.
            Assert.All(pairs, p => Assert.Equal(FixtureResults.ProjectedSeconds(p.Twin.Run) / 1.5 - 1, ValidationSection.ProjectionError(p.Measured, p.Twin)!.Value, 9));
            var errors = pairs.Select(p => ValidationSection.ProjectionError(p.Measured, p.Twin)!.Value).Order().ToList();
            Assert.Contains($"over 2 pair(s): median {100 * (errors[0] + errors[1]) / 2:+0;-0;0}%", md);

            // Records carry the load average at start and end (read from /proc/loadavg by the runner); the section shows
            // it beside the measured time, and a dash for records written before the field existed.
            Assert.All(records, r => Assert.Equal(File.Exists("/proc/loadavg"), r.Provenance.LoadStart is not null && r.Provenance.LoadEnd is not null));
            var measured = pairs[0].Measured;
            var loaded = records.Select(r => r.Id == measured.Id ? r with { Provenance = r.Provenance with { LoadStart = 0.5, LoadEnd = 3.31 } } : r).ToList();
            Assert.Contains($"| {measured.Run.Label} | 1000 |", ValidationSection.Markdown(loaded));
            Assert.Contains("| 0.5 → 3.3 |", ValidationSection.Markdown(loaded).Split('\n').Single(l => l.StartsWith($"| {measured.Run.Label} |", StringComparison.Ordinal)));
            var old = records.Select(r => r with { Provenance = r.Provenance with { LoadStart = null, LoadEnd = null } }).ToList();
            var oldLine = ValidationSection.Markdown(old).Split('\n').Single(l => l.StartsWith($"| {measured.Run.Label} |", StringComparison.Ordinal));
            Assert.Contains("[ckks-measured] | — |", oldLine);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}

using HEPrune.Core.He;
using HEPrune.Core.He.Emulated;
using HEPrune.Core.Pruning;
using HEPrune.Core.Pruning.Methods;
using HEPrune.Core.Pruning.Scores;
using HEPrune.Core.Pruning.Selection;
using Xunit.Abstractions;

namespace HEPrune.Core.Tests.Pruning;

public class PruningMethodTests(ITestOutputHelper output)
{
    private const int Slots = 1024, B = 32, RowSlots = 32, Classes = 10, FeatureCts = 2;

    /// <summary>A synthetic encrypted data set with a stub forward pass that returns fixed probabilities per group.</summary>
    internal sealed class World : IForwardPass
    {
        private readonly Dictionary<HeCiphertext, HeCiphertext> _p = new(ReferenceEqualityComparer.Instance);

        public World(int n, int seed, int? bootstrapMinLevel = 0, EvaluationKeySet? keys = null)
        {
            Backend = EmulatedBackend.Create(HeParameters.Create(Slots, 12), keys, bootstrapMinLevel: bootstrapMinLevel);
            var layout = new SampleRowLayout(B, RowSlots);
            var rng = new Random(seed);
            int groups = (n + B - 1) / B;
            var list = new List<HeCiphertext[]>();
            var per = new List<int>();
            Probabilities = new double[n][];
            Labels = new double[n][];
            for (int g = 0; g < groups; g++)
            {
                int count = Math.Min(B, n - g * B);
                per.Add(count);
                var cts = new HeCiphertext[FeatureCts + 1];
                var y = new double[Slots];
                var p = new double[Slots];
                for (int r = 0; r < count; r++)
                {
                    int id = g * B + r;
                    int label = rng.Next(Classes);
                    var z = new double[Classes];
                    for (int j = 0; j < Classes; j++) z[j] = rng.NextDouble() * 4 + (j == label ? 2.5 * rng.NextDouble() : 0);
                    double s = z.Sum(Math.Exp);
                    Probabilities[id] = z.Select(v => Math.Exp(v) / s).ToArray();
                    Labels[id] = new double[Classes];
                    Labels[id][label] = 1;
                    y[r * RowSlots + label] = 1;
                    for (int j = 0; j < Classes; j++) p[r * RowSlots + j] = Probabilities[id][j];
                }
                for (int f = 0; f < FeatureCts; f++)
                {
                    var x = new double[Slots];
                    for (int r = 0; r < count; r++)
                        for (int c = 0; c < RowSlots; c++) x[r * RowSlots + c] = FeatureValue(g * B + r, f, c);
                    cts[f] = Backend.Client.Encrypt(new SlotVector(x), 12);
                }
                cts[FeatureCts] = Backend.Client.Encrypt(new SlotVector(y), 12);
                _p[cts[0]] = Backend.Client.Encrypt(new SlotVector(p), 12);
                list.Add(cts);
            }
            Data = new EncryptedDataset(list, per, layout, FeatureCts);
            Exchange = new CamExchange(new CamClient(Backend.Client, Backend.Codec), Backend.Codec);
            Context = new PruningContext(Backend.Evaluator, Data, Classes, this, Exchange);
        }

        public HeBackend Backend { get; }
        public EncryptedDataset Data { get; }
        public CamExchange Exchange { get; }
        public PruningContext Context { get; }
        public double[][] Probabilities { get; }
        public double[][] Labels { get; }

        public static double FeatureValue(int id, int f, int c) => 0.001 * (id + 1) + 0.5 * f + 0.00001 * c;

        HeCiphertext IForwardPass.Probabilities(IReadOnlyList<HeCiphertext> group) => _p[group[0]];

        /// <summary>Decrypts the returned groups and maps each non-empty row back to its sample id via feature 0.</summary>
        public List<int> KeptIds(PrunedData data)
        {
            var ids = new List<int>();
            foreach (var g in data.Groups)
            {
                var f0 = Backend.Client.Decrypt(g[0]).Real;
                var f1 = Backend.Client.Decrypt(g[1]).Real;
                for (int r = 0; r < B; r++)
                {
                    double v = f0[r * RowSlots];
                    if (Math.Abs(v) < 1e-9) continue;
                    int id = (int)Math.Round(v / 0.001) - 1;
                    Assert.True(Math.Abs(v - FeatureValue(id, 0, 0)) < 1e-9, $"row value {v} is not a clean sample");
                    for (int c = 0; c < RowSlots; c++)
                    {
                        Assert.Equal(FeatureValue(id, 0, c), f0[r * RowSlots + c], 9);
                        Assert.Equal(FeatureValue(id, 1, c), f1[r * RowSlots + c], 9);
                    }
                    ids.Add(id);
                }
            }
            return ids;
        }
    }

    [Fact]
    public void HePruneKeepsTheTopHefsSamplesAndShrinksTheCiphertexts()
    {
        var world = new World(300, 1);
        var method = new PruningMethod(PruningMethodSpec.HePrune, new PruningSchedule(0.2, 2));
        int k = 60;
        for (int epoch = 0; epoch < 5; epoch++)
        {
            var d = method.OnEpoch(epoch, world.Context);
            Assert.Equal(k, d.KeptSamples);
            Assert.Equal((k + B - 1) / B, d.Groups.Count);
            Assert.Equal(3 * 2, d.CiphertextCount);
            var ids = world.KeptIds(d);
            Assert.Equal(k, ids.Count);
            Assert.Equal(k, ids.Distinct().Count());
            if (epoch == 2 || epoch == 4)
            {
                // Independent reference: plaintext HEFS approximation of every sample, then a full sort.
                var hefs = new HefsScore(world.Data.Layout, Classes);
                var scores = Enumerable.Range(0, 300).Select(i => hefs.Approximate(world.Probabilities[i], world.Labels[i])).ToArray();
                var expected = Enumerable.Range(0, 300).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(k).OrderBy(i => i);
                Assert.Equal(expected, ids.OrderBy(i => i));
            }
        }
        Assert.Equal(3, method.Records.Count); // epochs 0, 2, 4
        Assert.Equal("random", method.Records[0].Selection);
        var r2 = method.Records[1];
        Assert.Equal("scores", r2.Selection);
        Assert.Equal(2L * 2048 * 8 + HeParameters.PaperN16.HeaderBytes, r2.Bytes["scores"]); // one level-0 ciphertext
        Assert.Equal(4 + (300 + 7) / 8, r2.Bytes["mask"]);
        Assert.Equal(10 * 16, r2.Ops["scoring"]["Mult"]);
        Assert.Equal(10 * 4, r2.Ops["scoring"]["Rot"]);
        // Compaction of 10 blocks into one ciphertext: 10 CMult, 9 Rot, 1 Drop.
        Assert.Equal(10, r2.Ops["selection"]["CMult"]);
        Assert.Equal(9, r2.Ops["selection"]["Rot"]);
        Assert.Equal(1, r2.Ops["selection"]["Drop"]);
        Assert.True(r2.Ops["repacking"]["CMult"] > 0);
        Assert.True(r2.Seconds["client"] <= r2.Seconds["selection"]);
        output.WriteLine(string.Join("; ", r2.Ops.Select(kv => $"{kv.Key}: {string.Join(",", kv.Value.Select(x => $"{x.Key}={x.Value}"))}")));
    }

    [Theory]
    [InlineData("hefs")]
    [InlineData("client_aided")]
    public void WithoutCwpPrunedRowsAreZeroedAndTheCiphertextCountStays(string name)
    {
        var world = new World(300, 2);
        var spec = PruningMethodSpec.Parse(name);
        var method = new PruningMethod(spec, new PruningSchedule(0.1, 3, Window: 0.02));
        method.OnEpoch(0, world.Context);
        var d = method.OnEpoch(3, world.Context);
        Assert.Equal(10, d.Groups.Count);
        Assert.Equal(30, d.CiphertextCount);
        var ids = world.KeptIds(d).OrderBy(i => i).ToArray();
        IScoreCircuit circuit = spec.Score == ScoreKind.Hefs ? new HefsScore(world.Data.Layout, Classes) : new El2nScore(world.Data.Layout, Classes);
        var scores = Enumerable.Range(0, 300).Select(i => circuit.Approximate(world.Probabilities[i], world.Labels[i])).ToArray();
        var expected = ClientSelection.Select(scores, 0.1, 0.02).Mask;
        Assert.Equal(Enumerable.Range(0, 300).Where(i => expected[i]), ids);
        Assert.Equal(6, world.Exchange.Client.LastSelection!.Skipped);
    }

    [Fact]
    public void RandomAndHetalMethods()
    {
        var world = new World(200, 3);
        var random = new PruningMethod(PruningMethodSpec.Random, new PruningSchedule(0.3, 1, Seed: 5));
        var a = world.KeptIds(random.OnEpoch(0, world.Context)).OrderBy(i => i).ToArray();
        var b = world.KeptIds(random.OnEpoch(1, world.Context)).OrderBy(i => i).ToArray();
        Assert.Equal(60, a.Length);
        Assert.NotEqual(a, b); // a fresh subset each period
        Assert.Equal(2, random.Records[1].Groups);
        var full = new PruningMethod(PruningMethodSpec.Hetal, new PruningSchedule(1.0, 1));
        var d = full.OnEpoch(0, world.Context);
        Assert.Same(world.Data.Groups, d.Groups);
        Assert.Same(d, full.OnEpoch(7, world.Context));
        Assert.Single(full.Records);
    }

    [Fact]
    public void PruneBaselineMasksByEncryptedComparison()
    {
        var world = new World(128, 4);
        var method = new PruningMethod(PruningMethodSpec.PruneBaseline, new PruningSchedule(0.25, 1));
        method.OnEpoch(0, world.Context);
        var d = method.OnEpoch(1, world.Context);
        Assert.Equal(4, d.Groups.Count);
        Assert.Equal(12, d.CiphertextCount);
        var el2n = new El2nScore(world.Data.Layout, Classes);
        var scores = Enumerable.Range(0, 128).Select(i => PruningMethod.SortScale * el2n.Approximate(world.Probabilities[i], world.Labels[i])).ToArray();
        // The encrypted threshold carries the sort's approximation error; recompute it with the same blocks on the
        // plaintext-equal scores so that margins are measured against the threshold the server actually used.
        var aux = EmulatedBackend.Create(HeParameters.Create(Slots, 12), bootstrapMinLevel: 0);
        var blocks = new List<HeCiphertext>();
        for (int g = 0; g < 4; g++)
        {
            var v = new double[Slots];
            for (int r = 0; r < B; r++) v[r * RowSlots] = scores[g * B + r] / PruningMethod.SortScale;
            blocks.Add(aux.Client.Encrypt(new SlotVector(v), 12));
        }
        var compact = new HEPrune.Core.Pruning.Compaction.ScoreCompactor(world.Data.Layout).Compact(aux.Evaluator, blocks, PruningMethod.SortScale, null);
        var thr = HEPrune.Core.Pruning.Sorting.EncryptedThresholdMask.Threshold(aux.Evaluator, HEPrune.Core.Pruning.Sorting.BitonicSorter.SortDescending(aux.Evaluator, compact), 32);
        double t = aux.Client.Decrypt(thr).Real[0];
        var exactSorted = scores.OrderByDescending(x => x).ToArray();
        output.WriteLine($"encrypted threshold {t:F4}, exact midpoint {(exactSorted[31] + exactSorted[32]) / 2:F4}");
        int decisive = 0;
        for (int g = 0; g < 4; g++)
        {
            var f0 = world.Backend.Client.Decrypt(d.Groups[g][0]).Real;
            for (int r = 0; r < B; r++)
            {
                int id = g * B + r;
                double margin = scores[id] - t;
                if (Math.Abs(margin) < 0.047) continue; // the sign composite's dead zone
                decisive++;
                double want = margin > 0 ? World.FeatureValue(id, 0, 0) : 0;
                Assert.True(Math.Abs(f0[r * RowSlots] - want) <= 0.0071 * World.FeatureValue(id, 0, 0), $"sample {id}: {f0[r * RowSlots]} vs {want}");
            }
        }
        output.WriteLine($"baseline: {decisive}/128 decisive; selection ops {string.Join(",", method.Records[1].Ops["selection"].Select(x => $"{x.Key}={x.Value}"))}");
        Assert.True(decisive > 64);
        Assert.DoesNotContain(method.Records[1].Bytes, kv => kv.Value > 0); // nothing crosses to the client
    }

    [Theory]
    [InlineData("heprune")]
    [InlineData("prune_baseline")]
    [InlineData("client_aided")]
    [InlineData("random")]
    public void OperationCountsAreIdenticalAcrossRuns(string name)
    {
        Dictionary<string, long> Run()
        {
            var world = new World(96, 7);
            var m = new PruningMethod(PruningMethodSpec.Parse(name), new PruningSchedule(0.25, 1));
            for (int e = 0; e < 3; e++) m.OnEpoch(e, world.Context);
            return world.Backend.Evaluator.Counter.Totals();
        }
        var first = Run();
        Assert.Equal(first, Run());
        Assert.NotEmpty(first);
    }
}

using HEPrune.Ckks.Scheme;
using HEPrune.Core.Circuits;
using HEPrune.Core.He;
using HEPrune.Core.He.Ckks;
using HEPrune.Core.He.Emulated;
using HEPrune.Core.Packing;
using Xunit.Abstractions;

namespace HEPrune.Core.Tests.He.Ckks;

/// <summary>
/// The project's circuits run unchanged on the emulated and on the real CKKS backend: same outputs within CKKS
/// precision, identical operation counts (evaluator and client), with the rotation keys derived by a recorder run.
/// </summary>
public class CkksCircuitTests(ITestOutputHelper output)
{
    private static readonly CkksParameters P = CkksTestSupport.Deep11;
    private static readonly int Slots = P.Slots;

    private delegate SlotVector[] Circuit(HeBackend backend, IHeEvaluator ev);

    /// <summary>Runs the circuit on the emulated backend (recording the keys it needs), then on CKKS with exactly those keys.</summary>
    private (double MaxError, SlotVector[] Emulated, SlotVector[] Ckks) RunBoth(string name, Circuit circuit)
    {
        var emu = EmulatedBackend.Create(CkksBackend.ShapeOf(P));
        var recorder = new RotationKeyRecorder(emu.Evaluator) { Refresher = new CodecRoundTripRefresher(emu.Client, emu.Codec) };
        var e = circuit(emu, recorder);
        var ckks = CkksBackend.Create(P, recorder.Recorded);
        ckks.Evaluator.Refresher = new CodecRoundTripRefresher(ckks.Client, ckks.Codec);
        var c = circuit(ckks, ckks.Evaluator);
        CkksTestSupport.SameCounts(emu.Evaluator.Counter, ckks.Evaluator.Counter);
        CkksTestSupport.SameCounts(emu.Client.Counter, ckks.Client.Counter);
        double err = 0;
        for (int i = 0; i < e.Length; i++) err = Math.Max(err, CkksTestSupport.MaxError(e[i], c[i]));
        output.WriteLine($"{name}: max |ckks − emulated| = {err:E2}; counts {ckks.Evaluator.Counter}; client {ckks.Client.Counter}; keys {recorder.Recorded.Steps.Count} steps, conj {recorder.Recorded.HasConjugation}");
        return (err, e, c);
    }

    [Fact]
    public void PolynomialWithAndWithoutMaskAgrees()
    {
        var rng = new Random(21);
        var x = CkksTestSupport.RandomReal(rng, Slots);
        var mask = CkksTestSupport.RandomReal(rng, Slots).Real;
        var (err, emu, _) = RunBoth("polynomial g", (b, ev) =>
        {
            var ct = b.Client.Encrypt(x, 12);
            return [b.Client.Decrypt(PolynomialEvaluator.Evaluate(ev, ct, Comparison.G)),
                    b.Client.Decrypt(PolynomialEvaluator.Evaluate(ev, ct, Comparison.F, mask))];
        });
        for (int i = 0; i < Slots; i += 53) Assert.Equal(Comparison.G.Evaluate(x.Real[i]), emu[0].Real[i], 1e-12);
        // g's coefficients sum to about 2^16/1024 in magnitude: 2^-28 input noise grows to well below 1e-5
        Assert.True(err <= 1e-5, $"error {err:E3}");
    }

    [Fact]
    public void SignMaxCompositeAgrees()
    {
        var rng = new Random(22);
        var a = CkksTestSupport.RandomReal(rng, Slots, 0.5);
        var bv = CkksTestSupport.RandomReal(rng, Slots, 0.5);
        var (err, emu, _) = RunBoth("max", (b, ev) =>
        {
            var policy = new RefreshPolicy(ev);
            var m = Comparison.Max(ev, b.Client.Encrypt(a, 12), b.Client.Encrypt(bv, 12), policy);
            return [b.Client.Decrypt(m)];
        });
        for (int i = 0; i < Slots; i += 41) Assert.Equal(Comparison.MaxReference(a.Real[i], bv.Real[i]), emu[0].Real[i], 1e-12);
        // h = f∘g∘g has slope up to ≈ 44 near 0 and the max multiplies by d: 2^-28 noise → ≤ 1e-4
        Assert.True(err <= 1e-4, $"error {err:E3}");
    }

    [Fact]
    public void SoftmaxWithClientAidedRefreshesAgrees()
    {
        var layout = new SoftmaxLayout(Slots, 32, 10);
        var rng = new Random(23);
        var rows = new List<double[]>();
        for (int r = 0; r < layout.Rows; r++) rows.Add(Enumerable.Range(0, 10).Select(_ => (rng.NextDouble() * 2 - 1) * 15).ToArray());
        int refreshes = 0;
        var (err, emu, ckks) = RunBoth("softmax", (b, ev) =>
        {
            var policy = new RefreshPolicy(ev);
            var p = SoftmaxCircuit.Evaluate(ev, b.Client.Encrypt(SoftmaxCircuit.PackLogits(layout, rows), 9), layout, policy);
            refreshes = policy.Count;
            return [b.Client.Decrypt(p)];
        });
        Assert.Equal(9, refreshes); // spec-validation §2.2 for c = 10 → 16 from level 9
        var expected = new double[10];
        double vsReference = 0;
        for (int r = 0; r < rows.Count; r++)
        {
            SoftmaxApproximation.ReferenceRow(rows[r], expected);
            for (int j = 0; j < 10; j++) vsReference = Math.Max(vsReference, Math.Abs(expected[j] - ckks[0].Real[layout.Index(r, j)]));
        }
        output.WriteLine($"softmax: ckks vs float64 reference of the same approximation {vsReference:E2}");
        // The comparisons and the inverse amplify noise ≈ 360× (spec-validation §2.2); 1e-3 is 10× below the
        // approximation's own error (≈ 1e-2), so CKKS noise never changes what the softmax computes.
        Assert.True(err <= 1e-3, $"error {err:E3}");
        Assert.True(vsReference <= 1e-3, $"reference error {vsReference:E3}");
    }

    [Theory]
    [Trait("Category", "Slow")] // about 30 Galois keys: ≈ 20 s on the shared 2-core machine
    [InlineData(12, 12)] // DiagATB picks RotLeft
    [InlineData(11, 12)] // DiagATB picks PRotUp
    public void DiagAbtAndDiagAtbAgree(int levelE, int levelX)
    {
        var layout = new BlockLayout(Slots, 32, 49, 10);
        var rng = new Random(24 + levelE);
        double[,] Rand(int n, int m)
        {
            var a = new double[n, m];
            for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) a[i, j] = rng.NextDouble() * 2 - 1;
            return a;
        }
        var x = Rand(32, 49);
        var w = Rand(10, 49);
        var e = Rand(32, 10);
        var (err, emu, _) = RunBoth($"DiagABT+DiagATB (E at {levelE})", (b, ev) =>
        {
            var xc = BlockEncoder.EncodeMatrix(layout, 32, 49, (r, col) => x[r, col]).Select(v => b.Client.Encrypt(v, levelX)).ToArray();
            var wc = BlockEncoder.EncodeTiledWeights(layout, w).Select(v => b.Client.Encrypt(v, 12)).ToArray();
            var ec = b.Client.Encrypt(BlockEncoder.EncodeMatrix(layout, 32, layout.S1, (r, col) => e[r, col % 10])[0], levelE);
            var z = DiagAbt.Multiply(ev, xc, wc, layout);
            var g = DiagAtb.Multiply(ev, ec, xc, layout);
            return [b.Client.Decrypt(z), .. g.Select(b.Client.Decrypt)];
        });
        for (int r = 0; r < 32; r++)
        {
            double exact = 0;
            for (int k = 0; k < 49; k++) exact += x[r, k] * w[3, k];
            Assert.Equal(exact, emu[0].Real[layout.Index(r, 3)], 1e-10);
        }
        // sums of 49 products of values in [−1, 1] (magnitude ≤ 49) through depth 3: ≤ 1e-5
        Assert.True(err <= 1e-5, $"error {err:E3}");
    }
}

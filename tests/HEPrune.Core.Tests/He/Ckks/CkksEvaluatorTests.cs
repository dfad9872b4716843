using System.Numerics;
using HEPrune.Core.He;
using HEPrune.Core.He.Ckks;
using Xunit.Abstractions;

namespace HEPrune.Core.Tests.He.Ckks;

/// <summary>One CKKS backend and one emulated backend of the same shape and key set, shared by the op tests.</summary>
public sealed class CkksPairFixture
{
    /// <summary>Rotation steps with keys (signed, as circuits ask for them).</summary>
    public static readonly int[] Steps = [1, 2, 5, -1, -3, 100];

    public CkksPairFixture()
    {
        var keys = new EvaluationKeySet(CkksTestSupport.Deep11.Slots).AddRange(Steps);
        (Emulated, Ckks) = CkksTestSupport.Pair(CkksTestSupport.Deep11, keys);
    }

    public HeBackend Emulated { get; }

    public HeBackend Ckks { get; }
}

public class CkksEvaluatorTests(CkksPairFixture f, ITestOutputHelper output) : IClassFixture<CkksPairFixture>
{
    private static readonly int Slots = CkksTestSupport.Deep11.Slots;

    public static IEnumerable<object[]> Operations => new[]
    {
        "Add", "AddLevels", "Sub", "SubLevels", "Negate", "AddPlain", "SubPlain", "AddConst", "MultiplyPlain", "MultiplyPlainLow",
        "ConstReal", "ConstComplex", "IntConst", "ImagUnit", "GaussianInteger", "Multiply", "MultiplyLevels", "Square",
        "RotateLeft", "RotateRight", "RotateZero", "RotateFar", "RotateHoisted", "Conjugate", "DropLevel",
    }.Select(s => new object[] { s });

    /// <summary>Applies the named operation to inputs a (level 12), b (level 12) and c (level 9) on one backend.</summary>
    private static HeCiphertext Apply(string op, IHeEvaluator ev, HeCiphertext a, HeCiphertext b, HeCiphertext c, SlotVector p) => op switch
    {
        "Add" => ev.Add(a, b),
        "AddLevels" => ev.Add(a, c),
        "Sub" => ev.Sub(a, b),
        "SubLevels" => ev.Sub(c, a),
        "Negate" => ev.Negate(a),
        "AddPlain" => ev.AddPlain(a, p),
        "SubPlain" => ev.SubPlain(c, p),
        "AddConst" => ev.AddConst(a, new Complex(0.25, -0.5)),
        "MultiplyPlain" => ev.MultiplyPlain(a, p),
        "MultiplyPlainLow" => ev.MultiplyPlain(ev.DropLevel(a, 1), p),
        "ConstReal" => ev.MultiplyConst(a, 0.37),
        "ConstComplex" => ev.MultiplyConst(c, new Complex(-0.6, 0.125)),
        "IntConst" => ev.MultiplyConst(a, 3),
        "ImagUnit" => ev.MultiplyConst(a, Complex.ImaginaryOne),
        "GaussianInteger" => ev.MultiplyConst(c, new Complex(2, -3)),
        "Multiply" => ev.Multiply(a, b),
        "MultiplyLevels" => ev.Multiply(c, a),
        "Square" => ev.Square(b),
        "RotateLeft" => ev.Rotate(a, 1),
        "RotateRight" => ev.Rotate(a, -3),
        "RotateZero" => ev.Rotate(a, Slots),
        "RotateFar" => ev.Rotate(a, 100 - Slots),
        "RotateHoisted" => Sum(ev, ev.RotateHoisted(a, [1, 0, -1, 5, 2])),
        "Conjugate" => ev.Conjugate(a),
        "DropLevel" => ev.DropLevel(a, 4),
        _ => throw new ArgumentException(op),
    };

    private static HeCiphertext Sum(IHeEvaluator ev, HeCiphertext[] xs)
    {
        var s = xs[0];
        for (int i = 1; i < xs.Length; i++) s = ev.Add(s, ev.MultiplyConst(xs[i], i + 1));
        return s;
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void OperationAgreesWithEmulatedBackend(string op)
    {
        var rng = new Random(op.GetHashCode(StringComparison.Ordinal) & 0xFFFF);
        var va = CkksTestSupport.RandomComplex(rng, Slots);
        var vb = CkksTestSupport.RandomReal(rng, Slots);
        var vc = CkksTestSupport.RandomComplex(rng, Slots);
        var p = CkksTestSupport.RandomComplex(rng, Slots);
        var results = new List<(SlotVector Value, int Level, double Scale, OpCounter Counts)>();
        foreach (var b in new[] { f.Emulated, f.Ckks })
        {
            var (a, bb, c) = (b.Client.Encrypt(va, 12), b.Client.Encrypt(vb, 12), b.Client.Encrypt(vc, 9));
            var before = b.Evaluator.Counter.Snapshot();
            var r = Apply(op, b.Evaluator, a, bb, c, p);
            results.Add((b.Client.Decrypt(r), r.Level, r.Scale, b.Evaluator.Counter.Since(before)));
        }
        var (emu, ckks) = (results[0], results[1]);
        double err = CkksTestSupport.MaxError(emu.Value, ckks.Value);
        output.WriteLine($"{op}: level {ckks.Level}, scale 2^{Math.Log2(ckks.Scale)}, max |ckks − emulated| = {err:E2}, counts {ckks.Counts}");
        Assert.True(err <= CkksTestSupport.SingleOpBound, $"{op}: error {err:E3} exceeds {CkksTestSupport.SingleOpBound:E3}");
        Assert.Equal(emu.Level, ckks.Level);
        Assert.Equal(emu.Scale, ckks.Scale);
        CkksTestSupport.SameCounts(emu.Counts, ckks.Counts);
        Assert.Equal(op == "RotateZero", ckks.Counts.Totals().Count == 0);
    }

    [Fact]
    public void DeepChainToLevelZeroKeepsScaleAndAgrees()
    {
        var rng = new Random(5);
        var v = CkksTestSupport.RandomReal(rng, Slots, 0.99);
        var outs = new List<(SlotVector, HeCiphertext, OpCounter)>();
        foreach (var b in new[] { f.Emulated, f.Ckks })
        {
            var before = b.Evaluator.Counter.Snapshot();
            var x = b.Client.Encrypt(v, 12);
            var acc = x;
            // alternate ct×ct, CMult, Const and a level-mismatched add: every level is used once, down to 0
            for (int l = 12; l > 0; l--)
            {
                acc = (l % 3) switch
                {
                    0 => b.Evaluator.Multiply(acc, x),
                    1 => b.Evaluator.MultiplyPlain(acc, SlotVector.Filled(Slots, 0.9)),
                    _ => b.Evaluator.MultiplyConst(acc, 1.1),
                };
                acc = b.Evaluator.Add(acc, b.Evaluator.MultiplyConst(x, 0.5));
            }
            outs.Add((b.Client.Decrypt(acc), acc, b.Evaluator.Counter.Since(before)));
        }
        double err = CkksTestSupport.MaxError(outs[0].Item1, outs[1].Item1);
        output.WriteLine($"12-level chain: max error {err:E2}");
        Assert.Equal(0, outs[1].Item2.Level);
        Assert.Equal(outs[0].Item2.Scale, outs[1].Item2.Scale);
        var inner = ((CkksHeCiphertext)outs[1].Item2).Inner;
        Assert.Equal(CkksTestSupport.Deep11.DefaultScale, inner.Scale, 1e-12 * inner.Scale); // level-0 ratio is exactly 1
        Assert.True(err <= 16 * CkksTestSupport.SingleOpBound, $"chain error {err:E3}");
        CkksTestSupport.SameCounts(outs[0].Item3, outs[1].Item3);
    }

    [Fact]
    public void ActualScaleFollowsTheLadderAtEveryLevel()
    {
        var x = f.Ckks.Client.Encrypt(SlotVector.Filled(Slots, 0.5), 12);
        var ev = f.Ckks.Evaluator;
        var q = CkksTestSupport.Deep11.Q;
        for (int l = 12; l >= 1; l--)
        {
            var inner = ((CkksHeCiphertext)x).Inner;
            // r_l² · 2^40 / q_l = r_(l−1): check the recursion the ladder promises from the library's own scales
            double ratio = inner.Scale / x.Scale;
            x = ev.Square(x);
            double next = ((CkksHeCiphertext)x).Inner.Scale / x.Scale;
            Assert.Equal(ratio * ratio * Math.ScaleB(1.0, 40) / q[l], next, 1e-12);
            Assert.InRange(Math.Abs(next - 1), 0, 1e-3);
        }
        Assert.Equal(Math.Pow(0.5, 4096), f.Ckks.Client.Decrypt(x).Real[0], 1e-6);
    }

    [Fact]
    public void FailuresMatchTheEmulatedBackend()
    {
        var noConj = new EvaluationKeySet(Slots, conjugation: false).Add(1);
        var (emu, ckks) = CkksTestSupport.Pair(CkksTestSupport.Deep11, noConj);
        foreach (var b in new[] { emu, ckks })
        {
            var ev = b.Evaluator;
            var x0 = b.Client.Encrypt(SlotVector.Filled(Slots, 0.5), 0);
            var x3 = b.Client.Encrypt(SlotVector.Filled(Slots, 0.5), 3);
            var mask = SlotVector.Filled(Slots, 2.5);
            Assert.Throws<LevelExhaustedException>(() => ev.Multiply(x0, x3));
            Assert.Throws<LevelExhaustedException>(() => ev.Square(x0));
            Assert.Throws<LevelExhaustedException>(() => ev.MultiplyPlain(x0, mask));
            Assert.Throws<LevelExhaustedException>(() => ev.MultiplyConst(x0, 0.5));
            Assert.Equal(0, ev.MultiplyConst(x0, new Complex(-2, 1)).Level); // Gaussian integers are free
            var m = Assert.Throws<MissingKeyException>(() => ev.Rotate(x3, 2));
            Assert.Contains("step 2", m.Message);
            Assert.Throws<MissingKeyException>(() => ev.RotateHoisted(x3, [1, 7]));
            Assert.Throws<MissingKeyException>(() => ev.Conjugate(x3));
            Assert.Throws<InvalidOperationException>(() => ev.Refresh(x3));
            Assert.Throws<ArgumentException>(() => ev.MultiplyPlain(x3, SlotVector.Zeros(Slots / 2)));
            Assert.Throws<ArgumentOutOfRangeException>(() => ev.DropLevel(x3, 4));
            Assert.Throws<ArgumentException>(() => b.Client.Encrypt(SlotVector.Zeros(Slots + 1), 0));
            Assert.Throws<ArgumentException>(() => b.Client.Encrypt(SlotVector.Zeros(Slots), 13));
        }
        CkksTestSupport.SameCounts(emu.Evaluator.Counter, ckks.Evaluator.Counter);
        CkksTestSupport.SameCounts(emu.Client.Counter, ckks.Client.Counter);
    }

    [Fact]
    public void ScaleMismatchIsDetectedLikeTheEmulatedBackend()
    {
        // Δ = 2^35 over 40-bit primes: x² has nominal scale 2^30, so x² + x is a scale mismatch on both backends.
        var p = HEPrune.Ckks.Scheme.CkksParameters.Create(new HEPrune.Ckks.Scheme.CkksParametersLiteral
        {
            LogN = 10, LogQ = [60, 40, 40, 40], LogP = [61, 61], Dnum = 2, LogDefaultScale = 35,
            Security = HEPrune.Ckks.Scheme.SecurityLevel.TestOnlyInsecure,
        });
        var (emu, ckks) = CkksTestSupport.Pair(p, new EvaluationKeySet(p.Slots));
        var values = new List<double>();
        foreach (var b in new[] { emu, ckks })
        {
            var x = b.Client.Encrypt(SlotVector.Filled(p.Slots, 0.75), 3);
            var x2 = b.Evaluator.Square(x);
            Assert.Equal(Math.ScaleB(1.0, 30), x2.Scale);
            Assert.Throws<ScaleMismatchException>(() => b.Evaluator.Add(x2, x));
            var x3 = b.Evaluator.Multiply(x2, x); // 2^30·2^35/2^40 = 2^25, still decodes correctly
            Assert.Equal(Math.ScaleB(1.0, 25), x3.Scale);
            values.Add(b.Client.Decrypt(x3).Real[7]);
        }
        Assert.Equal(values[0], values[1], 1e-3);
        Assert.Equal(0.421875, values[0], 1e-12);
    }

    [Fact]
    public void CiphertextsOfAnotherKeySetOrBackendAreRejectedClearly()
    {
        var other = CkksBackend.Create(CkksTestSupport.Deep11, new EvaluationKeySet(Slots));
        var foreign = other.Client.Encrypt(SlotVector.Filled(Slots, 1), 2);
        var mine = f.Ckks.Client.Encrypt(SlotVector.Filled(Slots, 1), 2);
        var e1 = Assert.Throws<ArgumentException>(() => f.Ckks.Evaluator.Add(mine, foreign));
        Assert.Contains("key set", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => f.Ckks.Client.Decrypt(foreign));
        Assert.Contains("key set", e2.Message);
        var emulated = f.Emulated.Client.Encrypt(SlotVector.Filled(Slots, 1), 2);
        var e3 = Assert.Throws<ArgumentException>(() => f.Ckks.Evaluator.Negate(emulated));
        Assert.Contains("ckks backend", e3.Message);
        Assert.Throws<ArgumentException>(() => f.Ckks.Client.Decrypt(emulated));
        Assert.Throws<ArgumentException>(() => CkksBackend.Create(CkksTestSupport.Deep11, new EvaluationKeySet(Slots / 2)));
    }
}

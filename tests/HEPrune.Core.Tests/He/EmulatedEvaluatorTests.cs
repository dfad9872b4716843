using System.Numerics;
using HEPrune.Core.He;
using HEPrune.Core.He.Emulated;

namespace HEPrune.Core.Tests.He;

public class EmulatedEvaluatorTests
{
    private static (IHeEvaluator Ev, IHeClient Client) Make(int slots = 16, int levels = 3, EvaluationKeySet? keys = null)
    {
        var b = EmulatedBackend.Create(HeParameters.Create(slots, levels), keys);
        return (b.Evaluator, b.Client);
    }

    private static double[] Seq(int n, double start = 1) => Enumerable.Range(0, n).Select(i => start + i).ToArray();

    [Fact]
    public void ArithmeticMatchesComplexReference()
    {
        var (ev, cl) = Make();
        var rng = new Random(3);
        double[] ar = Seq(16).Select(_ => rng.NextDouble() - 0.5).ToArray(), ai = ar.Select(_ => rng.NextDouble()).ToArray();
        double[] br = ar.Select(_ => rng.NextDouble()).ToArray(), bi = ar.Select(_ => rng.NextDouble() - 0.5).ToArray();
        var a = cl.Encrypt(new SlotVector(ar, ai), 3);
        var b = cl.Encrypt(new SlotVector(br, bi), 3);
        var prod = cl.Decrypt(ev.Multiply(a, b));
        var sum = cl.Decrypt(ev.Sub(a, b));
        var cm = cl.Decrypt(ev.MultiplyConst(a, new Complex(0.3, -2)));
        var pm = cl.Decrypt(ev.MultiplyPlain(a, new SlotVector(br, bi)));
        for (int i = 0; i < 16; i++)
        {
            var x = new Complex(ar[i], ai[i]);
            var y = new Complex(br[i], bi[i]);
            AssertClose(x * y, prod, i);
            AssertClose(x - y, sum, i);
            AssertClose(x * new Complex(0.3, -2), cm, i);
            AssertClose(x * y, pm, i);
        }
    }

    [Fact]
    public void MixedRealAndComplexOperandsCoverEveryKernelBranch()
    {
        var (ev, cl) = Make();
        var rng = new Random(8);
        double[] R() => Enumerable.Range(0, 16).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var (ar, br, bi) = (R(), R(), R());
        var real = cl.Encrypt(new SlotVector(ar), 3);
        var cplx = cl.Encrypt(new SlotVector(br, bi), 3);
        var cases = new (HeCiphertext Ct, Func<Complex, Complex, Complex> F)[]
        {
            (ev.Add(real, cplx), (x, y) => x + y), (ev.Sub(real, cplx), (x, y) => x - y),
            (ev.Add(cplx, real), (x, y) => y + x), (ev.Sub(cplx, real), (x, y) => y - x),
            (ev.Multiply(real, cplx), (x, y) => x * y), (ev.Multiply(cplx, real), (x, y) => x * y),
            (ev.MultiplyConst(real, new Complex(0, 1.5)), (x, y) => x * new Complex(0, 1.5)),
            (ev.SubPlain(real, new SlotVector(br, bi)), (x, y) => x - y),
            (ev.Rotate(ev.Negate(cplx), 0), (x, y) => -y),
        };
        foreach (var (ct, f) in cases)
        {
            var d = cl.Decrypt(ct);
            for (int i = 0; i < 16; i++) AssertClose(f(new Complex(ar[i], 0), new Complex(br[i], bi[i])), d, i);
        }
    }

    private static void AssertClose(Complex expected, SlotVector v, int i)
    {
        Assert.Equal(expected.Real, v.Real[i], 1e-14);
        Assert.Equal(expected.Imaginary, v.Imag![i], 1e-14);
    }

    [Fact]
    public void LevelsFollowCkksRules()
    {
        var (ev, cl) = Make(levels: 3);
        var a = cl.Encrypt(new SlotVector(Seq(16)), 3);
        Assert.Equal(2, ev.Multiply(a, a).Level);
        Assert.Equal(2, ev.Square(a).Level);
        Assert.Equal(2, ev.MultiplyPlain(a, SlotVector.Filled(16, 2)).Level);
        Assert.Equal(2, ev.MultiplyConst(a, 0.5).Level);
        Assert.Equal(3, ev.MultiplyConst(a, 2).Level);
        Assert.Equal(3, ev.MultiplyConst(a, Complex.ImaginaryOne).Level);
        Assert.Equal(3, ev.Rotate(a, 1).Level);
        Assert.Equal(3, ev.Conjugate(a).Level);
        Assert.Equal(3, ev.AddConst(a, 0.7).Level);
        var low = ev.DropLevel(a, 1);
        Assert.Equal(1, ev.Add(a, low).Level);
        var zero = ev.Square(low);
        Assert.Equal(0, zero.Level);
        Assert.Throws<LevelExhaustedException>(() => ev.Square(zero));
        Assert.Throws<LevelExhaustedException>(() => ev.MultiplyPlain(zero, SlotVector.Filled(16, 1)));
        Assert.Throws<LevelExhaustedException>(() => ev.MultiplyConst(zero, 0.5));
        Assert.Equal(0, ev.MultiplyConst(zero, 3).Level);
    }

    [Fact]
    public void CounterRecordsKindAndInputLevel()
    {
        var (ev, cl) = Make(levels: 3);
        var a = cl.Encrypt(new SlotVector(Seq(16)), 3);
        var b = ev.Multiply(a, a);
        ev.Multiply(b, a);
        ev.MultiplyConst(a, 0.5);
        ev.MultiplyConst(a, -3);
        ev.Rotate(a, 2);
        ev.Rotate(a, 0);
        ev.RotateHoisted(a, new[] { 0, 1, -1 });
        ev.Conjugate(b);
        var c = ev.Counter;
        Assert.Equal(2, c[OpKind.Mult]);
        Assert.Equal(1, c.At(OpKind.Mult, 3));
        Assert.Equal(1, c.At(OpKind.Mult, 2));
        Assert.Equal(1, c[OpKind.Const]);
        Assert.Equal(1, c[OpKind.IntConst]);
        Assert.Equal(3, c[OpKind.Rot]);
        Assert.Equal(1, c.At(OpKind.Conj, 2));
        Assert.Equal(1, cl.Counter[OpKind.Encrypt]);
        var round = OpCounter.FromByLevel(c.ByLevel());
        Assert.Equal(c.Totals(), round.Totals());
        var snap = c.Snapshot();
        ev.Rotate(a, 3);
        Assert.Equal(1, c.Since(snap)[OpKind.Rot]);
        Assert.Equal(0, c.Since(snap)[OpKind.Mult]);
    }

    [Fact]
    public void RotationIsLeftForPositiveSteps()
    {
        var (ev, cl) = Make();
        var a = cl.Encrypt(new SlotVector(Seq(16, 0)), 3);
        var left = cl.Decrypt(ev.Rotate(a, 3)).Real;
        var right = cl.Decrypt(ev.Rotate(a, -3)).Real;
        for (int i = 0; i < 16; i++)
        {
            Assert.Equal((i + 3) % 16, left[i]);
            Assert.Equal((i + 13) % 16, right[i]);
        }
        var hoisted = ev.RotateHoisted(a, new[] { 3, -3 });
        Assert.Equal(left, cl.Decrypt(hoisted[0]).Real);
        Assert.Equal(right, cl.Decrypt(hoisted[1]).Real);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8191)]
    [InlineData(8192)]
    [InlineData(12345)]
    [InlineData(-1)]
    [InlineData(-20000)]
    public void RotationAcrossStorageChunksAtFullSlotCount(int step)
    {
        var b = EmulatedBackend.Create(HeParameters.Create(32768, 2));
        var ramp = Enumerable.Range(0, 32768).Select(i => (double)i).ToArray();
        var ct = b.Client.Encrypt(new SlotVector(ramp, ramp.Select(v => -v).ToArray()), 2);
        var d = b.Client.Decrypt(b.Evaluator.Rotate(ct, step));
        for (int i = 0; i < 32768; i++)
        {
            int src = ((i + step) % 32768 + 32768) % 32768;
            Assert.Equal(src, d.Real[i]);
            Assert.Equal(-src, d.Imag![i]);
        }
    }

    [Fact]
    public void MissingKeysFail()
    {
        var keys = new EvaluationKeySet(16, conjugation: false).AddRange(new[] { 1, -2 });
        var (ev, cl) = Make(keys: keys);
        var a = cl.Encrypt(new SlotVector(Seq(16)), 3);
        ev.Rotate(a, 1);
        ev.Rotate(a, 14); // = right 2
        ev.Rotate(a, 17); // = left 1
        Assert.Throws<MissingKeyException>(() => ev.Rotate(a, 2));
        Assert.Throws<MissingKeyException>(() => ev.RotateHoisted(a, new[] { 1, 3 }));
        Assert.Throws<MissingKeyException>(() => ev.Conjugate(a));
    }

    [Fact]
    public void ScaleMismatchIsDetected()
    {
        // Level primes of different sizes make x² and x·c live at different scales at the same level.
        var p = new HeParameters(16, new[] { 58, 40, 42, 42 });
        var b = EmulatedBackend.Create(p);
        var a = b.Client.Encrypt(new SlotVector(Seq(16)), 3);
        var sq = b.Evaluator.Square(a);            // scale 2^42·2^42/2^42 = 2^42, level 2
        var sq2 = b.Evaluator.Square(sq);          // level 1, scale 2^42
        var sq3 = b.Evaluator.Square(sq2);         // level 0, scale 2^44 (dropped a 40-bit prime)
        var other = b.Evaluator.DropLevel(a, 0);   // level 0, scale 2^42
        Assert.Equal(Math.ScaleB(1, 44), sq3.Scale);
        Assert.Throws<ScaleMismatchException>(() => b.Evaluator.Add(sq3, other));
    }

    [Fact]
    public void RefreshNeedsRefresherAndResetsLevel()
    {
        var p = HeParameters.Create(16, 4);
        var b = EmulatedBackend.Create(p);
        var a = b.Client.Encrypt(new SlotVector(Seq(16)), 1);
        Assert.Throws<InvalidOperationException>(() => b.Evaluator.Refresh(a));
        var ev = (EmulatedEvaluator)b.Evaluator;
        ev.Refresher = ev.CreateBootstrapper(minInputLevel: 2);
        Assert.Throws<LevelExhaustedException>(() => ev.Refresh(a));
        ev.Refresher = ev.CreateBootstrapper();
        var r = ev.Refresh(a);
        Assert.Equal(4, r.Level);
        Assert.Equal(Seq(16), b.Client.Decrypt(r).Real);
        Assert.Equal(1, ev.Counter.At(OpKind.Refresh, 1));
    }

    [Fact]
    public void CodecRoundTripsAndReportsCkksSize()
    {
        var b = EmulatedBackend.Create(HeParameters.Create(16, 12));
        var a = b.Client.Encrypt(new SlotVector(Seq(16), Seq(16, -3)), 7);
        var bytes = b.Codec.Serialize(a);
        var back = b.Codec.Deserialize(bytes);
        Assert.Equal(7, back.Level);
        Assert.Equal(b.Client.Decrypt(a).Imag, b.Client.Decrypt(back).Imag);
        Assert.Equal(2L * 32 * 8 * 8 + 32, b.Codec.WireBytes(a));
        Assert.Throws<FormatException>(() => b.Codec.Deserialize(bytes.AsSpan(0, 10)));
        // Paper preset: N = 2^16, level 12 → 2·65536·8·13 bytes (+ header), about 13.6 MB.
        Assert.Equal(2L * 65536 * 8 * 13 + 32, HeParameters.PaperN16.CiphertextBytes(12));
    }

    [Fact]
    public void NoiseIsOffByDefaultAndSizedWhenOn()
    {
        var p = HeParameters.Create(4096, 3);
        var noisy = EmulatedBackend.Create(p, noise: new EmulationNoise(1e-3, 0, 0, Seed: 5));
        var v = new SlotVector(new double[4096]);
        var dec = noisy.Client.Decrypt(noisy.Client.Encrypt(v, 3));
        double ss = 0;
        foreach (double x in dec.Real) ss += x * x;
        double std = Math.Sqrt(ss / 4096);
        Assert.InRange(std, 0.9e-3, 1.1e-3);
        var clean = EmulatedBackend.Create(p);
        Assert.All(clean.Client.Decrypt(clean.Client.Encrypt(v, 3)).Real, x => Assert.Equal(0.0, x));
    }

    [Fact]
    public void BadInputsGetClearExceptions()
    {
        var (ev, cl) = Make();
        var a = cl.Encrypt(new SlotVector(Seq(16)), 3);
        Assert.Throws<ArgumentException>(() => ev.AddPlain(a, SlotVector.Zeros(8)));
        Assert.Throws<ArgumentException>(() => cl.Encrypt(SlotVector.Zeros(32), 3));
        Assert.Throws<ArgumentException>(() => cl.Encrypt(SlotVector.Zeros(8), 4));
        Assert.Throws<ArgumentException>(() => new HeParameters(12, new[] { 58, 42 }));
        var other = EmulatedBackend.Create(HeParameters.Create(32, 3));
        Assert.Throws<ArgumentException>(() => ev.Add(a, other.Client.Encrypt(SlotVector.Zeros(32), 3)));
    }
}

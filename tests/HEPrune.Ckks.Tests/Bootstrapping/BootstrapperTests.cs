using System.Numerics;
using HEPrune.Ckks.Bootstrapping;
using HEPrune.Ckks.Scheme;
using Xunit.Abstractions;

namespace HEPrune.Ckks.Tests.Bootstrapping;

public sealed class BootstrapperTests(BootstrappingFixture f, ITestOutputHelper output) : IClassFixture<BootstrappingFixture>
{
    /// <summary>Precision floor at N=2^10 for uniform complex inputs in [−1, 1]² (measured 21–22 bits; see docs/bootstrapping.md).</summary>
    private const double MinBits = 19;

    [Fact]
    public void BootstrapRestoresTheMessageAtTheOutputLevel()
    {
        Complex[] v = f.Uniform(11);
        Ciphertext ct = f.Encrypt(v, 0);
        Ciphertext r = f.Bootstrapper.Bootstrap(ct, f.Keys);
        double bits = BootstrappingFixture.Bits(v, f.Decrypt(r));
        output.WriteLine($"precision {bits:F2} bits, output level {r.Level}, scale 2^{Math.Log2(r.Scale):F3}");
        Assert.Equal(f.Bootstrapper.OutputLevel, r.Level);
        Assert.Equal(f.Parameters.MaxLevel - f.Config.Depth, r.Level);
        Assert.Equal(ct.Scale, r.Scale);
        Assert.True(bits >= MinBits, $"precision {bits:F2} bits < {MinBits}");
    }

    [Fact]
    public void BootstrapAcceptsAHigherLevelInputAndRealMessages()
    {
        Complex[] v = f.Uniform(12, complex: false);
        Ciphertext r = f.Bootstrapper.Bootstrap(f.Encrypt(v, 2), f.Keys);
        Assert.True(BootstrappingFixture.Bits(v, f.Decrypt(r)) >= MinBits);
    }

    [Fact]
    public void RepeatedBootstrapsWithMultiplicationsKeepPrecision()
    {
        // 10 bootstraps in a row with a ct×ct product between each. The factor w has unit modulus (random phases) so the message stays
        // in the bootstrap's input range; each bootstrap then adds an independent error ≤ 2^−MinBits, so k rounds stay ≥ MinBits − log2(k).
        Complex[] v = f.Uniform(13);
        var rng = new Random(14);
        var w = new Complex[v.Length];
        for (int i = 0; i < w.Length; i++)
        {
            w[i] = Complex.FromPolarCoordinates(1, 2 * Math.PI * rng.NextDouble());
        }

        Ciphertext ct = f.Encrypt(v, 0);
        Complex[] expected = (Complex[])v.Clone();
        for (int round = 1; round <= 10; round++)
        {
            ct = f.Bootstrapper.Bootstrap(ct, f.Keys);
            double bits = BootstrappingFixture.Bits(expected, f.Decrypt(ct));
            output.WriteLine($"round {round}: {bits:F2} bits after bootstrap");
            Assert.True(bits >= MinBits - Math.Log2(round), $"round {round}: precision {bits:F2} bits");

            // One slot-wise product with a fresh ciphertext, then down to level 0 (the next bootstrap drops the rest).
            Ciphertext other = f.Encrypt(w, ct.Level);
            f.Evaluator.MultiplyRelinRescale(ct, other, ct);
            for (int i = 0; i < expected.Length; i++)
            {
                expected[i] *= w[i];
            }
        }

        Assert.True(BootstrappingFixture.Bits(expected, f.Decrypt(ct)) >= MinBits - Math.Log2(10) - 0.5);
    }

    [Fact]
    public void TraceRecordsTheFourPhasesInOrderAndReadingAtAnotherScaleRelabelsExactly()
    {
        Complex[] v = f.Uniform(31);
        Ciphertext ct = f.Encrypt(v, 0);
        var trace = new BootstrapTrace();
        Ciphertext r = f.Bootstrapper.Bootstrap(ct, f.Keys, 2 * ct.Scale, trace); // read at twice the scale: the message is v/2
        Assert.Equal(["ModRaise (+ encapsulation)", "CoeffsToSlots", "EvalMod (real + imaginary)", "SlotsToCoeffs"], trace.Phases.Select(p => p.Phase));
        Assert.All(trace.Phases, p => Assert.True(p.Wall >= TimeSpan.Zero && p.Cpu >= TimeSpan.Zero));
        Assert.Equal(2 * ct.Scale, r.Scale);
        var half = v.Select(z => z / 2).ToArray();
        Assert.True(BootstrappingFixture.Bits(half, f.Decrypt(r)) >= MinBits, "v/2 expected");
        Assert.Throws<ArgumentException>(() => f.Bootstrapper.Bootstrap(ct, f.Keys, double.NaN));
    }

    [Fact]
    public void MissingRotationOrConjugationKeyIsNamed()
    {
        int[] steps = f.Bootstrapper.RotationSteps();
        GaloisKeys partial = f.KeyGen.CreateGaloisKeys(steps[1..], includeConjugation: false);
        var keys = new BootstrappingKeys(f.Keys.Relinearization, partial, f.Keys.ToSparse, f.Keys.FromSparse);
        var e = Assert.Throws<MissingKeyException>(() => f.Bootstrapper.Bootstrap(f.Encrypt(f.Uniform(1), 0), keys));
        Assert.Contains($"rotation {steps[0]}", e.Message);
        Assert.Contains("conjugation", e.Message);
    }

    [Fact]
    public void MissingEncapsulationKeysAreNamed()
    {
        var keys = new BootstrappingKeys(f.Keys.Relinearization, f.Keys.Galois, null, null);
        var e = Assert.Throws<MissingKeyException>(() => f.Bootstrapper.Bootstrap(f.Encrypt(f.Uniform(1), 0), keys));
        Assert.Contains("encapsulation", e.Message);
    }

    [Fact]
    public void KeysOrCiphertextsOfOtherParametersAreRejected()
    {
        var otherCtx = new CkksContext(Presets.InsecureTestN10);
        var otherGen = new KeyGenerator(otherCtx);
        var keys = new BootstrappingKeys(otherGen.CreateRelinearizationKey(), otherGen.CreateGaloisKeys([1]), f.Keys.ToSparse, f.Keys.FromSparse);
        Assert.Throws<ParametersMismatchException>(() => f.Bootstrapper.Bootstrap(f.Encrypt(f.Uniform(1), 0), keys));
        var foreign = new Ciphertext(Presets.InsecureTestN10, 0);
        Assert.Throws<ParametersMismatchException>(() => f.Bootstrapper.Bootstrap(foreign, f.Keys));
    }

    [Fact]
    public void SizeThreeCiphertextIsRejected()
    {
        Ciphertext a = f.Encrypt(f.Uniform(2), 1);
        Ciphertext prod = f.Evaluator.MultiplyNew(a, a);
        var e = Assert.Throws<ArgumentException>(() => f.Bootstrapper.Bootstrap(prod, f.Keys));
        Assert.Contains("size 2", e.Message);
    }

    [Fact]
    public void ConfigurationTooDeepForTheChainIsRejected()
    {
        BootstrappingParameters deep = f.Config with { CoeffsToSlotsLevels = 9, SlotsToCoeffsLevels = 9 };
        var e = Assert.Throws<ArgumentException>(() => new Bootstrapper(f.Context, deep));
        Assert.Contains("levels", e.Message);
    }

    [Fact]
    public void KeyCountAndSizeAreAsDocumented()
    {
        int rotations = f.Bootstrapper.RotationSteps().Length;
        Assert.Equal(rotations + 1, f.Keys.Galois.Count); // + conjugation
        CkksParameters p = f.Parameters;
        long perKey = 2L * p.Dnum * (p.Q.Count + p.P.Count) * p.N * 8;
        long toSparse = 2L * 2 * p.N * 8; // one digit over q_0 and p_0
        Assert.Equal((rotations + 1 + 1 + 1) * perKey + toSparse, f.Keys.SizeInBytes()); // Galois + relin + s'→s
        output.WriteLine($"{rotations} rotation keys + conjugation; total {f.Keys.SizeInBytes() / 1048576.0:F1} MiB");
    }
}

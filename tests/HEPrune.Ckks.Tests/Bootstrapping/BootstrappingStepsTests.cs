using System.Numerics;
using HEPrune.Ckks.Bootstrapping;
using HEPrune.Ckks.Scheme;
using Xunit.Abstractions;

namespace HEPrune.Ckks.Tests.Bootstrapping;

/// <summary>The bootstrapping sub-steps on their own, against float64 references.</summary>
public sealed class BootstrappingStepsTests(BootstrappingFixture f, ITestOutputHelper output) : IClassFixture<BootstrappingFixture>
{
    private Complex[] RandomCoefficients(int seed)
    {
        var rng = new Random(seed);
        var u = new Complex[f.Parameters.Slots];
        for (int i = 0; i < u.Length; i++)
        {
            u[i] = new Complex(2 * rng.NextDouble() - 1, 2 * rng.NextDouble() - 1);
        }

        return u;
    }

    private Ciphertext EncryptAt(Complex[] z, int level, double scale)
        => f.Encryptor.Encrypt(f.Encoder.Encode(z, level, scale));

    [Fact]
    public void CoeffsToSlotsComputesTheScaledBitReversedInverseDft()
    {
        Complex[] u = RandomCoefficients(21);
        Complex[] z = SpecialFft.DecodeReference(u);
        IReadOnlyList<LinearTransform> cts = f.Bootstrapper.CoeffsToSlotsTransforms;
        Ciphertext ct = EncryptAt(z, cts[0].Level, cts[0].InputScale);
        foreach (LinearTransform lt in cts)
        {
            ct = lt.Evaluate(f.Evaluator, ct);
        }

        double c = 1 / (2 * f.Config.EvalMod.Normalization);
        Complex[] expected = SpecialFft.BitReverse(u);
        for (int i = 0; i < expected.Length; i++)
        {
            expected[i] *= c;
        }

        double bits = BootstrappingFixture.Bits(expected, f.Decrypt(ct));
        output.WriteLine($"CoeffsToSlots: {bits:F2} bits");
        Assert.True(bits >= 30, $"{bits:F2} bits");
    }

    [Fact]
    public void SlotsToCoeffsAfterCoeffsToSlotsIsTheIdentityUpToTheFoldedConstants()
    {
        Complex[] z = f.Uniform(22);
        IReadOnlyList<LinearTransform> cts = f.Bootstrapper.CoeffsToSlotsTransforms, stc = f.Bootstrapper.SlotsToCoeffsTransforms;
        Ciphertext ct = EncryptAt(z, cts[0].Level, cts[0].InputScale);
        foreach (LinearTransform lt in cts)
        {
            ct = lt.Evaluate(f.Evaluator, ct);
        }

        // Skip EvalMod: drop to the SlotsToCoeffs level and relabel the scale (values are multiplied by trueScale/label).
        double trueScale = ct.Scale;
        f.Evaluator.DropToLevel(ct, stc[0].Level, ct);
        ct.Scale = stc[0].InputScale;
        foreach (LinearTransform lt in stc)
        {
            ct = lt.Evaluate(f.Evaluator, ct);
        }

        double q0 = f.Context.QModuli[0].Value;
        double factor = q0 / (2 * Math.PI * f.Parameters.DefaultScale) / (2 * f.Config.EvalMod.Normalization) * trueScale / stc[0].InputScale;
        var expected = new Complex[z.Length];
        for (int i = 0; i < z.Length; i++)
        {
            expected[i] = z[i] * factor;
        }

        double bits = BootstrappingFixture.Bits(expected, f.Decrypt(ct));
        output.WriteLine($"StC∘CtS: {bits:F2} bits (factor {factor:F4})");
        Assert.True(bits >= 25, $"{bits:F2} bits");
    }

    [Fact]
    public void EvalModMatchesTheFloat64CircuitAndTheSine()
    {
        EvalMod mod = f.Bootstrapper.EvalModStep;
        EvalModParameters p = mod.Parameters;
        int level = f.Parameters.MaxLevel - f.Config.CoeffsToSlotsLevels;
        var rng = new Random(23);
        var t = new double[f.Parameters.Slots];
        var x = new Complex[t.Length];
        for (int i = 0; i < t.Length; i++)
        {
            t[i] = rng.Next(-p.K + 1, p.K) + (2 * rng.NextDouble() - 1) / 256; // integer part + small message, as after ModRaise
            x[i] = (t[i] - 0.25) / p.Normalization;
        }

        Ciphertext ct = EncryptAt(x, level, Math.Pow(2, p.LogScale));
        Ciphertext y = mod.Evaluate(f.Evaluator, ct);
        Assert.Equal(level - p.Depth, y.Level);
        Complex[] got = f.Decrypt(y);
        double maxCircuit = 0, maxSine = 0;
        for (int i = 0; i < t.Length; i++)
        {
            maxCircuit = Math.Max(maxCircuit, Math.Abs(got[i].Real - mod.Reference(t[i])));
            maxSine = Math.Max(maxSine, Math.Abs(got[i].Real - Math.Sin(2 * Math.PI * t[i])));
        }

        output.WriteLine($"EvalMod vs float64 circuit: 2^{Math.Log2(maxCircuit):F1}; vs sin(2πt): 2^{Math.Log2(maxSine):F1}");
        Assert.True(maxCircuit < Math.Pow(2, -30), $"2^{Math.Log2(maxCircuit):F1}");
        Assert.True(maxSine < Math.Pow(2, -30), $"2^{Math.Log2(maxSine):F1}");
    }

    [Fact]
    public void ModRaiseAddsAMultipleOfQ0()
    {
        // Raising a trivial ciphertext (c_1 = 0) of a known polynomial: every raised residue must equal the centred lift.
        Complex[] z = f.Uniform(24);
        Ciphertext ct = EncryptAt(z, 0, f.Parameters.DefaultScale);
        Ciphertext raised = CiphertextOps.ModRaise(f.Context, ct, f.Parameters.MaxLevel);
        f.Evaluator.DropToLevel(raised, 0, raised);
        Assert.True(BootstrappingFixture.Bits(z, f.Decrypt(raised)) > 25); // identical modulo q_0
    }

    [Fact]
    public void LevelZeroSwitchToASparseSecretDecryptsUnderThatSecret()
    {
        CkksContext ctx = f.Context;
        int total = ctx.QpModuli.Length;
        using var prng = new HEPrune.Ckks.Randomness.CsPrng();
        var small = new long[ctx.N];
        HEPrune.Ckks.Randomness.Sampler.FixedHammingWeight(prng, 32, small);
        var sparse = new HEPrune.Ckks.Rings.RnsPoly(ctx.N, total);
        RingSampling.SmallToNtt(ctx, small, sparse, total);
        SwitchingKey key = LevelZeroKeySwitch.CreateKey(ctx, prng, f.KeyGen.SecretKey.Poly, sparse);
        Assert.Equal(2L * 2 * ctx.N * 8, BootstrappingKeys.KeyBytes(key, 2));

        Complex[] z = f.Uniform(26);
        Ciphertext ct = EncryptAt(z, 0, f.Parameters.DefaultScale);
        var switched = new Ciphertext(f.Parameters, 0);
        LevelZeroKeySwitch.Apply(ctx, ct, key, switched);
        var sparseDecryptor = new Decryptor(ctx, new SecretKey(f.Parameters, sparse));
        double bits = BootstrappingFixture.Bits(z, f.Encoder.Decode(sparseDecryptor.Decrypt(switched)));
        double wrong = BootstrappingFixture.Bits(z, f.Decrypt(switched));
        output.WriteLine($"after s → s': {bits:F2} bits under s', {wrong:F2} bits under s");
        Assert.True(bits >= 25, $"{bits:F2} bits");
        Assert.True(wrong < 0, "the switched ciphertext must no longer decrypt under s");
        Assert.Throws<ArgumentException>(() => LevelZeroKeySwitch.Apply(ctx, EncryptAt(z, 1, f.Parameters.DefaultScale), key, switched));
    }

    [Fact]
    public void MultiplyByIIsExact()
    {
        Complex[] z = f.Uniform(25);
        Ciphertext ct = EncryptAt(z, 3, f.Parameters.DefaultScale);
        Ciphertext r = ct.Clone();
        CiphertextOps.MultiplyByI(f.Context, r, r);
        var expected = new Complex[z.Length];
        for (int i = 0; i < z.Length; i++)
        {
            expected[i] = z[i] * Complex.ImaginaryOne;
        }

        Assert.True(BootstrappingFixture.Bits(expected, f.Decrypt(r)) > 25);
        CiphertextOps.MultiplyByI(f.Context, r, r, negate: true);
        Assert.Equal(ct.Poly(0).Data.ToArray(), r.Poly(0).Data.ToArray());
    }
}

using System.Numerics;
using HEPrune.Ckks.Bootstrapping;
using HEPrune.Ckks.Scheme;
using Xunit.Abstractions;

namespace HEPrune.Ckks.Tests.Bootstrapping;

/// <summary>Sparse packing: n' = 2^7 message slots replicated over the 512 slots of N = 2^10.</summary>
public sealed class SparseBootstrapTests(BootstrappingFixture f, ITestOutputHelper output) : IClassFixture<BootstrappingFixture>
{
    [Theory]
    [InlineData(7)]
    [InlineData(4)]
    public void SparseBootstrapRestoresThePeriodicMessage(int logSlots)
    {
        var bootstrapper = new Bootstrapper(f.Context, f.Config with { LogSlots = logSlots });
        Assert.Equal(1 << logSlots, bootstrapper.MessageSlots);
        BootstrappingKeys keys = BootstrappingKeyGenerator.Create(f.KeyGen, bootstrapper);
        int n1 = 1 << logSlots;
        var rng = new Random(31);
        var msg = new Complex[n1];
        for (int i = 0; i < n1; i++)
        {
            msg[i] = new Complex(2 * rng.NextDouble() - 1, 2 * rng.NextDouble() - 1);
        }

        var replicated = new Complex[f.Parameters.Slots];
        for (int i = 0; i < replicated.Length; i++)
        {
            replicated[i] = msg[i % n1];
        }

        Ciphertext input = f.Encrypt(replicated, 0);
        Ciphertext r = bootstrapper.Bootstrap(input, keys);
        Complex[] got = f.Decrypt(r);
        double bits = BootstrappingFixture.Bits(replicated, got);

        // Float64 model of the approximation: each coefficient c goes through (q_0/(2πΔ))·sin(2πΔc/q_0). With few slots the coefficients
        // are larger (|c| ~ 1/√n'), so this sine error, not noise, bounds the precision at q_0/Δ = 2^8 without an arcsine correction.
        Complex[] expected = SineModel(msg, f.Context.QModuli[0].Value / input.Scale, f.Config.CoeffsToSlotsLevels);
        var expectedReplicated = new Complex[replicated.Length];
        for (int i = 0; i < replicated.Length; i++)
        {
            expectedReplicated[i] = expected[i % n1];
        }

        double modelBits = BootstrappingFixture.Bits(expectedReplicated, got);
        output.WriteLine($"n' = {n1}: {bits:F2} bits vs message, {modelBits:F2} bits vs the float64 sine model; {keys.Galois.Count} Galois keys");
        Assert.True(modelBits >= 19, $"{modelBits:F2} bits vs the sine model");
        Assert.True(bits >= (logSlots >= 7 ? 19 : 16), $"{bits:F2} bits vs the message");
        Assert.Equal(bootstrapper.OutputLevel, r.Level);
    }

    private static Complex[] SineModel(Complex[] z, double ratio, int levels)
    {
        Complex[] u = z;
        foreach (DiagonalMatrix m in SpecialFft.Factors(z.Length, levels, forward: false))
        {
            u = m.Apply(u);
        }

        for (int i = 0; i < u.Length; i++)
        {
            u[i] = new Complex(ratio / (2 * Math.PI) * Math.Sin(2 * Math.PI * u[i].Real / ratio), ratio / (2 * Math.PI) * Math.Sin(2 * Math.PI * u[i].Imaginary / ratio));
        }

        foreach (DiagonalMatrix m in SpecialFft.Factors(z.Length, levels, forward: true))
        {
            u = m.Apply(u);
        }

        return u;
    }

    [Fact]
    public void SparseRotationStepsIncludeTheSubSum()
    {
        var bootstrapper = new Bootstrapper(f.Context, f.Config with { LogSlots = 7 });
        int[] steps = bootstrapper.RotationSteps();
        Assert.Contains(128, steps);
        Assert.Contains(256, steps);
    }

    [Fact]
    public void LogSlotsOutOfRangeIsRejected()
    {
        Assert.Throws<ArgumentException>(() => new Bootstrapper(f.Context, f.Config with { LogSlots = 10 }));
        Assert.Throws<ArgumentException>(() => new Bootstrapper(f.Context, f.Config with { LogSlots = 2 })); // fewer stages than 3 levels
    }
}

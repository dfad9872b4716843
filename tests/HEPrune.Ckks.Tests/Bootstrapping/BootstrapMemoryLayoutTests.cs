using System.Numerics;
using HEPrune.Ckks.Bootstrapping;
using HEPrune.Ckks.Scheme;

namespace HEPrune.Ckks.Tests.Bootstrapping;

/// <summary>The two memory savers for N = 2^16: level-restricted circuit keys and DFT diagonals encoded on the fly.</summary>
public sealed class BootstrapMemoryLayoutTests(BootstrappingFixture f) : IClassFixture<BootstrappingFixture>
{
    [Fact]
    public void DiagonalsEncodedOnTheFlyGiveABitIdenticalBootstrap()
    {
        var lazy = new Bootstrapper(f.Context, f.Config with { EncodeDiagonalsOnTheFly = true });
        Assert.Equal(f.Bootstrapper.RotationSteps().Order(), lazy.RotationSteps().Order());
        Complex[] z = f.Uniform(71);
        Ciphertext ct = f.Encrypt(z, 0);
        Ciphertext a = f.Bootstrapper.Bootstrap(ct, f.Keys), b = lazy.Bootstrap(ct, f.Keys);
        Assert.Equal(a.Level, b.Level);
        Assert.Equal(a.Scale, b.Scale);
        Assert.True(a.Poly(0).Data.SequenceEqual(b.Poly(0).Data) && a.Poly(1).Data.SequenceEqual(b.Poly(1).Data));
        Assert.True(BootstrappingFixture.Bits(z, f.Decrypt(b)) >= 19);
    }

    [Fact]
    public void CircuitStepsGetKeysRestrictedToTheOutputLevelAndTheBootstrapKeepsItsOwn()
    {
        int top = f.Bootstrapper.OutputLevel, slots = f.Parameters.Slots;
        var bootSteps = new HashSet<int>(f.Bootstrapper.RotationSteps());
        int[] circuit = [.. new[] { 3, 5, 7, 11, -13, 1 }.Where(s => !bootSteps.Contains(s))];
        int shared = bootSteps.First(s => s != 0);
        BootstrappingKeys keys = BootstrappingKeyGenerator.Create(f.KeyGen, f.Bootstrapper, [.. circuit, shared], top);
        foreach (int s in circuit)
        {
            SwitchingKey k = keys.Galois.TryGet(GaloisElements.ForRotation(s, f.Parameters.N))!;
            Assert.Equal(top, k.MaxLevel);
        }

        Assert.False(keys.Galois.TryGet(GaloisElements.ForRotation(shared, f.Parameters.N))!.IsLevelRestricted);
        Assert.False(keys.Relinearization.Key.IsLevelRestricted);
        (int count, long bytes) = keys.RestrictedGaloisKeys();
        Assert.Equal(circuit.Length, count);
        int digits = (top + 1 + f.Parameters.Alpha - 1) / f.Parameters.Alpha;
        Assert.Equal(circuit.Length * 2L * digits * (top + 1 + f.Parameters.P.Count) * f.Parameters.N * 8, bytes);

        // The bootstrap runs with this key set, and its output (level = top) rotates with a restricted key.
        Complex[] z = f.Uniform(72);
        Ciphertext boot = f.Bootstrapper.Bootstrap(f.Encrypt(z, 0), keys);
        var ev = new Evaluator(f.Context, new EvaluationKeys(keys.Relinearization, keys.Galois));
        Ciphertext r = ev.RotateNew(boot, circuit[0]);
        Complex[] expected = [.. Enumerable.Range(0, slots).Select(i => z[(i + circuit[0] + slots) % slots])];
        Assert.True(BootstrappingFixture.Bits(expected, f.Decrypt(r)) >= 19);
        Assert.Throws<KeyLevelException>(() => ev.RotateNew(f.Encrypt(z, top + 1), circuit[0]));
    }
}

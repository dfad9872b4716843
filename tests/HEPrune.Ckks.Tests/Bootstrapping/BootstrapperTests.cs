using System.Numerics;
using HEPrune.Ckks.Bootstrapping;
using HEPrune.Ckks.Scheme;
using Xunit.Abstractions;

namespace HEPrune.Ckks.Tests.Bootstrapping;

public sealed class BootstrapperTests(BootstrappingFixture f, ITestOutputHelper output) : IClassFixture<BootstrappingFixture>
{
    [Fact]
    public void BootstrapRestoresTheMessageAtTheOutputLevel()
    {
        Complex[] v = f.Uniform(11);
        Ciphertext ct = f.Encrypt(v, 0);
        Ciphertext r = f.Bootstrapper.Bootstrap(ct, f.Keys);
        double bits = BootstrappingFixture.Bits(v, f.Decrypt(r));
        output.WriteLine($"precision {bits:F2} bits, output level {r.Level}, scale 2^{Math.Log2(r.Scale):F3}");
        Assert.Equal(f.Bootstrapper.OutputLevel, r.Level);
        Assert.Equal(ct.Scale, r.Scale);
        Assert.True(bits >= 10, $"precision {bits:F2}");
    }
}

using System.Diagnostics;
using System.Numerics;
using HEPrune.Ckks.Bootstrapping;
using HEPrune.Ckks.Rings;
using HEPrune.Ckks.Scheme;
using Xunit.Abstractions;

namespace HEPrune.Ckks.Tests.Bootstrapping;

/// <summary>The N=2^16 preset: parameter shape (fast) and one full bootstrap (slow: ≈ 19 GiB peak, ≈ 10 min on the loaded VM; run by hand).</summary>
public sealed class BootstrappingN16Tests(ITestOutputHelper output)
{
    [Fact]
    public void PresetHasThePapersShapeWithinTheSecurityBound()
    {
        BootstrappingParameters bp = BootstrappingPresets.N16;
        CkksParameters p = CkksParameters.Create(bp.Scheme);
        bp.Validate(p);
        Assert.Equal(16, p.LogN);
        Assert.Equal(42, p.LogDefaultScale);
        Assert.Equal(12, bp.OutputLevel(p));
        Assert.False(p.IsTestOnlyInsecure);
        Assert.Equal(SecretDistribution.UniformTernary, p.Secret);
        Assert.True(p.LogQP <= SecurityStandard.MaxLogQP128(16), $"log QP {p.LogQP:F1}");
        Assert.InRange(Math.Log2(p.Q[0]) - p.LogDefaultScale, 7.9, 8.0); // message ratio q_0/Δ ≈ 2^8
        output.WriteLine(p.ToString());
    }

    [Fact]
    [Trait("Category", "Manual")] // ≈ 19 GiB and ≈ 10 min: too heavy for ./test.sh and CI; run with ./test.sh --filter Category=Manual
    public void FullSlotBootstrapAtN16()
    {
        var total = Stopwatch.StartNew();
        BootstrappingParameters bp = BootstrappingPresets.N16;
        var ctx = new CkksContext(CkksParameters.Create(bp.Scheme));
        var keyGen = new KeyGenerator(ctx);
        var encoder = new CkksEncoder(ctx);
        var encryptor = new Encryptor(ctx, keyGen.CreatePublicKey());
        var decryptor = new Decryptor(ctx, keyGen.SecretKey);
        var sw = Stopwatch.StartNew();
        var bootstrapper = new Bootstrapper(ctx, bp);
        output.WriteLine($"precompute (encode DFT diagonals): {sw.Elapsed.TotalSeconds:F1} s");
        sw.Restart();
        BootstrappingKeys keys = BootstrappingKeyGenerator.Create(keyGen, bootstrapper);
        output.WriteLine($"keygen: {sw.Elapsed.TotalSeconds:F1} s; {keys.Galois.Count} Galois keys; total key size {keys.SizeInBytes() / 1073741824.0:F2} GiB");

        var rng = new Random(5);
        var v = new Complex[ctx.Parameters.Slots];
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = new Complex(2 * rng.NextDouble() - 1, 2 * rng.NextDouble() - 1);
        }

        Ciphertext ct = encryptor.Encrypt(encoder.Encode(v, 0, ctx.Parameters.DefaultScale));
        int saved = Parallelism.MaxDegree;
        try
        {
            foreach (int threads in new[] { 1, 2 })
            {
                Parallelism.MaxDegree = threads;
                var trace = new BootstrapTrace();
                string load = File.ReadAllText("/proc/loadavg").Trim();
                Ciphertext r = bootstrapper.Bootstrap(ct, keys, trace);
                (double worst, double mean, double median) = BootstrapProfileTests.Precision(v, encoder.Decode(decryptor.Decrypt(r)));
                output.WriteLine($"bootstrap, {threads} thread(s) (loadavg before {load}, after {File.ReadAllText("/proc/loadavg").Trim()}):");
                output.WriteLine(trace.ToString());
                output.WriteLine($"precision worst {worst:F2} / mean {mean:F2} / median {median:F2} bits; level {r.Level}; GC heap {GC.GetTotalMemory(false) / 1073741824.0:F2} GiB");
                double max = Math.Pow(2, -worst);
                Assert.Equal(12, r.Level);
                Assert.True(-Math.Log2(max) >= 15, $"precision {-Math.Log2(max):F2} bits");
            }
        }
        finally
        {
            Parallelism.MaxDegree = saved;
        }

        output.WriteLine($"total {total.Elapsed.TotalSeconds:F1} s; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1073741824.0:F2} GiB");
    }
}

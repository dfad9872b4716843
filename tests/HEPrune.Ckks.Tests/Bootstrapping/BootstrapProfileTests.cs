using System.Diagnostics;
using System.Numerics;
using HEPrune.Ckks.Bootstrapping;
using HEPrune.Ckks.Rings;
using HEPrune.Ckks.Scheme;
using Xunit.Abstractions;

namespace HEPrune.Ckks.Tests.Bootstrapping;

/// <summary>
/// By-hand profiling of one bootstrap per phase with the N=2^16 chain at a smaller ring degree (HEPRUNE_BOOT_LOGN, default 13;
/// HEPRUNE_BOOT_THREADS, default "1,2"). Manual: it measures, it does not test behaviour beyond a precision floor.
/// </summary>
public sealed class BootstrapProfileTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Manual")]
    public void ProfileBootstrapPhases()
    {
        int logN = int.Parse(Environment.GetEnvironmentVariable("HEPRUNE_BOOT_LOGN") ?? "13", System.Globalization.CultureInfo.InvariantCulture);
        int[] threads = [.. (Environment.GetEnvironmentVariable("HEPRUNE_BOOT_THREADS") ?? "1,2").Split(',').Select(int.Parse)];
        BootstrappingParameters bp = BootstrappingPresets.N16Shape(logN);
        var ctx = new CkksContext(CkksParameters.Create(bp.Scheme));
        var keyGen = new KeyGenerator(ctx);
        var encoder = new CkksEncoder(ctx);
        var encryptor = new Encryptor(ctx, keyGen.CreatePublicKey());
        var decryptor = new Decryptor(ctx, keyGen.SecretKey);
        var sw = Stopwatch.StartNew();
        var bootstrapper = new Bootstrapper(ctx, bp);
        output.WriteLine($"N = 2^{logN}; precompute {sw.Elapsed.TotalSeconds:F1} s");
        foreach (LinearTransform lt in bootstrapper.CoeffsToSlotsTransforms.Concat(bootstrapper.SlotsToCoeffsTransforms))
        {
            output.WriteLine($"  LT level {lt.Level}: baby steps {lt.BabySteps.Length} ({lt.BabySteps.Count(b => b != 0)} hoisted key switches), giant steps {lt.GiantSteps.Length} ({lt.GiantSteps.Count(g => g != 0)} key switches)");
        }

        sw.Restart();
        BootstrappingKeys keys = BootstrappingKeyGenerator.Create(keyGen, bootstrapper);
        output.WriteLine($"keygen {sw.Elapsed.TotalSeconds:F1} s; {keys.Galois.Count} Galois keys; {keys.SizeInBytes() / 1073741824.0:F3} GiB");
        Complex[] v = Uniform(ctx.Parameters.Slots, 5);
        Ciphertext ct = encryptor.Encrypt(encoder.Encode(v, 0, ctx.Parameters.DefaultScale));
        int saved = Parallelism.MaxDegree;
        try
        {
            foreach (int t in threads)
            {
                Parallelism.MaxDegree = t;
                var trace = new BootstrapTrace();
                Ciphertext r = bootstrapper.Bootstrap(ct, keys, trace);
                (double worst, double mean, double median) = Precision(v, encoder.Decode(decryptor.Decrypt(r)));
                output.WriteLine($"threads {t} (loadavg {File.ReadAllText("/proc/loadavg").Trim()}):");
                output.WriteLine(trace.ToString());
                output.WriteLine($"precision worst {worst:F2} / mean {mean:F2} / median {median:F2} bits; level {r.Level}");
                Assert.True(worst >= 15, $"precision {worst:F2} bits");
            }
        }
        finally
        {
            Parallelism.MaxDegree = saved;
        }

        output.WriteLine($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1073741824.0:F2} GiB");
    }

    [Fact]
    [Trait("Category", "Manual")]
    public void BabyStepGiantStepSplitsAtN16()
    {
        // Per DFT factor of the N = 2^16 preset (2^15 slots, 3 + 3 levels): distinct baby/giant steps for several giant-step weights, and the key count.
        foreach (double weight in new[] { 2.0, 3.0, 4.0, 6.0 })
        {
            var keys = new SortedSet<int>();
            int ks = 0;
            foreach (bool forward in new[] { false, true })
            {
                foreach (DiagonalMatrix m in SpecialFft.Factors(1 << 15, 3, forward))
                {
                    var signed = m.Offsets.Select(k => k > m.N / 2 ? k - m.N : k).ToList();
                    int n1 = LinearTransform.ChooseBabyStep(signed, weight);
                    (int b, int g) = LinearTransform.Split(signed, n1);
                    ks += b - 1 + g - 1;
                    foreach (int k in signed)
                    {
                        int gs = (int)Math.Floor(k / (double)n1) * n1;
                        if (gs != 0) keys.Add(gs);
                        if (k - gs != 0) keys.Add(k - gs);
                    }

                    output.WriteLine($"weight {weight}: {(forward ? "StC" : "CtS")} factor, {m.Count} diagonals, n1 = {n1}: {b} babies, {g} giants");
                }
            }

            output.WriteLine($"weight {weight}: {ks} key switches in the DFTs, {keys.Count} rotation keys");
        }
    }

    internal static Complex[] Uniform(int n, int seed)
    {
        var rng = new Random(seed);
        var v = new Complex[n];
        for (int i = 0; i < n; i++)
        {
            v[i] = new Complex(2 * rng.NextDouble() - 1, 2 * rng.NextDouble() - 1);
        }

        return v;
    }

    /// <summary>Returns −log2 of the largest, the mean and the median slot error.</summary>
    internal static (double Worst, double Mean, double Median) Precision(Complex[] expected, Complex[] actual)
    {
        var e = new double[expected.Length];
        double sum = 0;
        for (int i = 0; i < e.Length; i++)
        {
            e[i] = Complex.Abs(expected[i] - actual[i]);
            sum += e[i];
        }

        Array.Sort(e);
        return (-Math.Log2(e[^1]), -Math.Log2(sum / e.Length), -Math.Log2(e[e.Length / 2]));
    }
}

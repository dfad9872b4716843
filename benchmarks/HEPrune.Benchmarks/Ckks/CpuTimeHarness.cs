using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;
using HEPrune.Ckks.Arithmetic;
using HEPrune.Ckks.Rings;
using HEPrune.Ckks.Scheme;

namespace HEPrune.Benchmarks.Ckks;

/// <summary>
/// Per-call thread CPU time of the CKKS operations, single thread, ops interleaved round-robin so machine load hits all of them alike.
/// A complement to BenchmarkDotNet on a shared, loaded machine (wall-clock means there swing with other jobs; thread CPU time much less).
/// </summary>
/// <remarks>Run: <c>HEPrune.Benchmarks cpu &lt;preset&gt; [rounds]</c>. Prints median and minimum per op in milliseconds.</remarks>
public static class CpuTimeHarness
{
    private const int ClockThreadCpuTime = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec ts);

    private static double ThreadCpuMs()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTime, out TimeSpec ts) == 0)
        {
            return ts.Seconds * 1e3 + ts.Nanoseconds / 1e6;
        }

        return Stopwatch.GetTimestamp() * 1e3 / Stopwatch.Frequency;
    }

    /// <summary>
    /// The library presets by name, plus the bootstrapping chains: <c>BootN16</c> (28 + 6 primes of 42–60 bits, dnum 6, the chain the
    /// bootstrap key-switches on; most primes are wider than 49 bits) and <c>BootShape13</c>…<c>BootShape15</c> (the same chain at a smaller N, INSECURE).
    /// </summary>
    private static CkksParameters ParametersOf(string preset) => preset.ToUpperInvariant() switch
    {
        "BOOTN16" => CkksParameters.Create(HEPrune.Ckks.Bootstrapping.BootstrappingPresets.N16.Scheme),
        "BOOTSHAPE13" => CkksParameters.Create(HEPrune.Ckks.Bootstrapping.BootstrappingPresets.N16Shape(13).Scheme),
        "BOOTSHAPE14" => CkksParameters.Create(HEPrune.Ckks.Bootstrapping.BootstrappingPresets.N16Shape(14).Scheme),
        "BOOTSHAPE15" => CkksParameters.Create(HEPrune.Ckks.Bootstrapping.BootstrappingPresets.N16Shape(15).Scheme),
        _ => Presets.ByName(preset),
    };

    /// <summary>Runs the harness for one preset; <paramref name="rounds"/> timed calls per op after two warm-up rounds.</summary>
    public static void Run(string preset, int rounds)
    {
        Parallelism.MaxDegree = int.TryParse(Environment.GetEnvironmentVariable("HEPRUNE_CPU_THREADS"), out int threads) ? threads : 1;
        CkksParameters p = ParametersOf(preset);
        var ctx = new CkksContext(p);
        var kg = new KeyGenerator(ctx);
        int[] steps = [1, 2, 3, 4];
        var ev = new Evaluator(ctx, new EvaluationKeys(kg.CreateRelinearizationKey(), kg.CreateGaloisKeys(steps)));
        var encoder = new CkksEncoder(ctx);
        var encryptor = new Encryptor(ctx, kg.CreatePublicKey());
        var decryptor = new Decryptor(ctx, kg.SecretKey);
        Complex[] values = Enumerable.Range(0, p.Slots).Select(i => new Complex(Math.Sin(i), Math.Cos(0.5 * i))).ToArray();
        var decoded = new Complex[p.Slots];
        Plaintext pt = encoder.Encode(values, p.MaxLevel, p.DefaultScale);
        var ptOut = new Plaintext(p, p.MaxLevel, p.DefaultScale);
        Ciphertext ct = encryptor.Encrypt(pt);
        Ciphertext ct3 = ev.MultiplyNew(ct, ct);
        var dst = new Ciphertext(p);
        Ciphertext[] hoisted = steps.Select(_ => new Ciphertext(p)).ToArray();
        var tables = new NttTables(p.N, new Modulus(p.Q[1]));
        var limb = new ulong[p.N];
        var rng = new Random(1);
        for (int i = 0; i < limb.Length; i++)
        {
            limb[i] = (ulong)rng.NextInt64() % p.Q[1];
        }

        var ops = new (string Name, Action Body)[]
        {
            ("NTT fwd 1 limb", () => Ntt.Forward(limb, tables)),
            ("NTT inv 1 limb", () => Ntt.Inverse(limb, tables)),
            ("encode", () => encoder.Encode(values, p.MaxLevel, p.DefaultScale, ptOut)),
            ("decode", () => encoder.Decode(pt, decoded)),
            ("encrypt (pk)", () => encryptor.Encrypt(pt, dst)),
            ("decrypt", () => decryptor.Decrypt(ct, ptOut)),
            ("add", () => ev.Add(ct, ct, dst)),
            ("multiply (no relin)", () => ev.Multiply(ct, ct, dst)),
            ("multiply plain", () => ev.MultiplyPlain(ct, pt, dst)),
            ("relinearize", () => ev.Relinearize(ct3, dst)),
            ("rescale", () => ev.Rescale(ct, dst)),
            ("rotate 1", () => ev.Rotate(ct, 1, dst)),
            ("4 hoisted rotations", () => ev.RotateHoisted(ct, steps, hoisted)),
        };
        string? only = Environment.GetEnvironmentVariable("HEPRUNE_CPU_OPS");
        if (only is not null)
        {
            ops = ops.Where(o => only.Split(',').Any(s => o.Name.StartsWith(s.Trim(), StringComparison.OrdinalIgnoreCase))).ToArray();
        }

        var samples = ops.Select(_ => new List<double>()).ToArray();
        var wall = ops.Select(_ => new List<double>()).ToArray();
        var allocated = new long[ops.Length];
        for (int r = -2; r < rounds; r++)
        {
            for (int k = 0; k < ops.Length; k++)
            {
                long a0 = GC.GetAllocatedBytesForCurrentThread();
                long w0 = Stopwatch.GetTimestamp();
                double t0 = ThreadCpuMs();
                ops[k].Body();
                double t1 = ThreadCpuMs();
                double wallMs = Stopwatch.GetElapsedTime(w0).TotalMilliseconds;
                allocated[k] = GC.GetAllocatedBytesForCurrentThread() - a0;
                if (r >= 0)
                {
                    samples[k].Add(t1 - t0);
                    wall[k].Add(wallMs);
                }
            }
        }

        Console.WriteLine($"# preset {preset} (N={p.N}, {p.Q.Count} + {p.P.Count} primes), threads {Parallelism.MaxDegree}, simd {Simd.Best}, vector paths {Ntt.UseVectorPaths}, rounds {rounds}, loadavg {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine("| op | median CPU ms (calling thread) | min CPU ms | median wall ms | allocated KB (last call) |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        for (int k = 0; k < ops.Length; k++)
        {
            samples[k].Sort();
            wall[k].Sort();
            Console.WriteLine($"| {ops[k].Name} | {samples[k][samples[k].Count / 2]:F3} | {samples[k][0]:F3} | {wall[k][wall[k].Count / 2]:F3} | {allocated[k] / 1024.0:F1} |");
        }
    }
}

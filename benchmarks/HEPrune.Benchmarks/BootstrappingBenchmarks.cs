using System.Numerics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using HEPrune.Ckks.Bootstrapping;
using HEPrune.Ckks.Rings;
using HEPrune.Ckks.Scheme;

namespace HEPrune.Benchmarks;

/// <summary>
/// One full-slot CKKS bootstrap (ModRaise, CoeffsToSlots, EvalMod ×2, SlotsToCoeffs) at the given preset, single-threaded and on 2 threads.
/// Setup (key generation, several GB at N=2^16, and DFT precomputation) takes minutes and is outside the measurement.
/// Run: <c>dotnet run -c Release --project benchmarks/HEPrune.Benchmarks -- --filter '*Bootstrapping*'</c> (preset from HEPRUNE_BOOTSTRAP_PRESET).
/// In-process (no generated project: its build timed out on the loaded machine), monitoring strategy, no warm-up, 2 iterations.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BootstrappingBenchmarks.InProcessMonitoringConfig))]
public class BootstrappingBenchmarks
{
    private Bootstrapper _bootstrapper = null!;
    private BootstrappingKeys _keys = null!;
    private Ciphertext _input = null!;

    /// <summary>
    /// Preset name, from the environment variable <c>HEPRUNE_BOOTSTRAP_PRESET</c>: <c>N16</c> (default, the paper's shape; setup needs
    /// about 19 GiB and several minutes: run under <c>flock /work/locks/bigmem</c>), <c>N16Shape13</c> … <c>N16Shape15</c> (the N16 chain at a
    /// smaller ring degree, INSECURE: same levels, limbs and digits, N/2^16 of the work per limb) or <c>InsecureTestN10</c> (seconds; smoke run).
    /// </summary>
    public static string Preset => Environment.GetEnvironmentVariable("HEPRUNE_BOOTSTRAP_PRESET") ?? "N16";

    /// <summary>Threads used across RNS limbs (<see cref="Parallelism.MaxDegree"/>).</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Builds the context, keys, bootstrapper and a level-0 input ciphertext of uniform values in [−1, 1]².</summary>
    [GlobalSetup]
    public void Setup()
    {
        BootstrappingParameters bp = Preset switch
        {
            "N16" => BootstrappingPresets.N16,
            "InsecureTestN10" => BootstrappingPresets.InsecureTestN10,
            "N16Shape13" => BootstrappingPresets.N16Shape(13),
            "N16Shape14" => BootstrappingPresets.N16Shape(14),
            "N16Shape15" => BootstrappingPresets.N16Shape(15),
            _ => throw new ArgumentException($"BootstrappingBenchmarks: unknown HEPRUNE_BOOTSTRAP_PRESET '{Preset}'; expected N16, N16Shape13, N16Shape14, N16Shape15 or InsecureTestN10."),
        };
        var ctx = new CkksContext(CkksParameters.Create(bp.Scheme));
        var keyGen = new KeyGenerator(ctx);
        _bootstrapper = new Bootstrapper(ctx, bp);
        _keys = BootstrappingKeyGenerator.Create(keyGen, _bootstrapper);
        var rng = new Random(1);
        var v = new Complex[ctx.Parameters.Slots];
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = new Complex(2 * rng.NextDouble() - 1, 2 * rng.NextDouble() - 1);
        }

        var encoder = new CkksEncoder(ctx);
        _input = new Encryptor(ctx, keyGen.SecretKey).Encrypt(encoder.Encode(v, 0, ctx.Parameters.DefaultScale));
    }

    /// <summary>Sets the thread count before each iteration.</summary>
    [IterationSetup]
    public void SetThreads() => Parallelism.MaxDegree = Threads;

    /// <summary>One bootstrap.</summary>
    [Benchmark]
    public Ciphertext Bootstrap() => _bootstrapper.Bootstrap(_input, _keys);

    /// <summary>One in-process monitoring job: 1 launch, no warm-up, 2 single-invocation iterations (a bootstrap takes seconds to minutes).</summary>
    public sealed class InProcessMonitoringConfig : ManualConfig
    {
        /// <summary>Creates the configuration.</summary>
        public InProcessMonitoringConfig()
        {
            AddJob(Job.Default
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1)
                .WithWarmupCount(0)
                .WithIterationCount(2)
                .WithToolchain(InProcessEmitToolchain.Instance));
        }
    }
}

using BenchmarkDotNet.Attributes;
using HEPrune.Ckks.Arithmetic;
using HEPrune.Ckks.Scheme;

namespace HEPrune.Benchmarks.Ckks;

/// <summary>Forward and inverse negacyclic NTT of one RNS limb (a 42/40-bit scaling prime), AVX-512 and scalar paths, single thread.</summary>
[MemoryDiagnoser]
[JsonExporterAttribute.Full]
public class NttBenchmarks
{
    private ulong[] _limb = [];
    private NttTables _tables = null!;

    /// <summary>Parameter preset (sets N and the prime).</summary>
    [ParamsSource(typeof(BenchParams), nameof(BenchParams.Presets))]
    public string Preset { get; set; } = "N14";

    /// <summary>Whether to use the AVX-512 kernels (false = scalar reference).</summary>
    [Params(true, false)]
    public bool Vector { get; set; }

    /// <summary>Builds the tables and a random limb.</summary>
    [GlobalSetup]
    public void Setup()
    {
        CkksParameters p = Presets.ByName(Preset);
        _tables = new NttTables(p.N, new Modulus(p.Q[1]));
        var rng = new Random(1);
        _limb = new ulong[p.N];
        for (int i = 0; i < _limb.Length; i++)
        {
            _limb[i] = (ulong)rng.NextInt64() % p.Q[1];
        }

        Ntt.UseVectorPaths = Vector;
    }

    /// <summary>Restores the default path.</summary>
    [GlobalCleanup]
    public void Cleanup() => Ntt.UseVectorPaths = true;

    /// <summary>Forward NTT of one limb.</summary>
    [Benchmark]
    public void Forward() => Ntt.Forward(_limb, _tables);

    /// <summary>Inverse NTT of one limb (values stay valid: inverse output is reduced).</summary>
    [Benchmark]
    public void Inverse() => Ntt.Inverse(_limb, _tables);
}

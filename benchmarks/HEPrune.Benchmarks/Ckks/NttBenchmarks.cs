using BenchmarkDotNet.Attributes;
using HEPrune.Ckks.Arithmetic;
using HEPrune.Ckks.Scheme;

namespace HEPrune.Benchmarks.Ckks;

/// <summary>Forward and inverse negacyclic NTT of one RNS limb (a 42/40-bit scaling prime) on each SIMD path, single thread.</summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
[JsonExporterAttribute.Full]
public class NttBenchmarks
{
    private ulong[] _limb = [];
    private NttTables _tables = null!;
    private SimdPath _path;

    /// <summary>Parameter preset (sets N and the prime).</summary>
    [ParamsSource(typeof(BenchParams), nameof(BenchParams.Presets))]
    public string Preset { get; set; } = "N14";

    /// <summary>Kernel path: Scalar, Vector256 (AVX2) or Vector512 (AVX-512).</summary>
    [Params("Vector512", "Vector256", "Scalar")]
    public string Path { get; set; } = "Vector512";

    /// <summary>Builds the tables and a random limb.</summary>
    [GlobalSetup]
    public void Setup()
    {
        CkksParameters p = Presets.ByName(Preset);
        _tables = new NttTables(p.N, new Modulus(p.Q[1]));
        _path = Enum.Parse<SimdPath>(Path);
        var rng = new Random(1);
        _limb = new ulong[p.N];
        for (int i = 0; i < _limb.Length; i++)
        {
            _limb[i] = (ulong)rng.NextInt64() % p.Q[1];
        }
    }

    /// <summary>Forward NTT of one limb.</summary>
    [Benchmark]
    public void Forward() => Ntt.Forward(_limb, _tables, _path, lazy: false);

    /// <summary>Inverse NTT of one limb (values stay valid: inverse output is reduced).</summary>
    [Benchmark]
    public void Inverse() => Ntt.Inverse(_limb, _tables, _path);
}

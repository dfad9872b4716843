using System.Numerics;
using BenchmarkDotNet.Attributes;
using HEPrune.Ckks.Rings;
using HEPrune.Ckks.Scheme;

namespace HEPrune.Benchmarks.Ckks;

/// <summary>
/// CKKS operations at the top level (all data primes) of the 128-bit presets N14 (L=7), N15 (L=14) and PaperN16 (L=12), size-2 inputs in
/// NTT form, destinations preallocated (out-of-place, so inputs stay unchanged). Threads = Parallelism.MaxDegree across RNS limbs.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
[JsonExporterAttribute.Full]
public class CkksBenchmarks
{
    private static readonly int[] s_hoistSteps = [1, 2, 3, 4];
    private CkksEncoder _encoder = null!;
    private Encryptor _encryptor = null!;
    private Decryptor _decryptor = null!;
    private Evaluator _evaluator = null!;
    private Complex[] _values = [];
    private Plaintext _pt = null!;
    private Plaintext _ptOut = null!;
    private Ciphertext _ct = null!;
    private Ciphertext _ct3 = null!;
    private Ciphertext _dst = null!;
    private Ciphertext[] _hoisted = [];
    private Complex[] _decoded = [];
    private CkksParameters _p = null!;

    /// <summary>Parameter preset.</summary>
    [ParamsSource(typeof(BenchParams), nameof(BenchParams.Presets))]
    public string Preset { get; set; } = "N14";

    /// <summary>Threads across limbs.</summary>
    [ParamsSource(typeof(BenchParams), nameof(BenchParams.Threads))]
    public int Threads { get; set; } = 1;

    /// <summary>Generates keys (relinearization, rotations 1..4) and operands.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Parallelism.MaxDegree = 2;
        _p = Presets.ByName(Preset);
        var ctx = new CkksContext(_p);
        var kg = new KeyGenerator(ctx);
        _evaluator = new Evaluator(ctx, new EvaluationKeys(kg.CreateRelinearizationKey(), kg.CreateGaloisKeys(s_hoistSteps)));
        _encoder = new CkksEncoder(ctx);
        _encryptor = new Encryptor(ctx, kg.CreatePublicKey());
        _decryptor = new Decryptor(ctx, kg.SecretKey);
        _values = Enumerable.Range(0, _p.Slots).Select(i => new Complex(Math.Sin(i), Math.Cos(0.5 * i))).ToArray();
        _decoded = new Complex[_p.Slots];
        _pt = _encoder.Encode(_values, _p.MaxLevel, _p.DefaultScale);
        _ptOut = new Plaintext(_p, _p.MaxLevel, _p.DefaultScale);
        _ct = _encryptor.Encrypt(_pt);
        _ct3 = _evaluator.MultiplyNew(_ct, _ct);
        _dst = new Ciphertext(_p);
        _dst.Resize(_p.MaxLevel, 3);
        _hoisted = s_hoistSteps.Select(_ => new Ciphertext(_p)).ToArray();
        Parallelism.MaxDegree = Threads;
    }

    /// <summary>Restores the default thread count.</summary>
    [GlobalCleanup]
    public void Cleanup() => Parallelism.MaxDegree = Environment.ProcessorCount;

    /// <summary>Encode N/2 complex slots at the top level.</summary>
    [Benchmark]
    public void Encode() => _encoder.Encode(_values, _p.MaxLevel, _p.DefaultScale, _ptOut);

    /// <summary>Decode a top-level plaintext.</summary>
    [Benchmark]
    public void Decode() => _encoder.Decode(_pt, _decoded);

    /// <summary>Public-key encryption.</summary>
    [Benchmark]
    public void EncryptPk() => _encryptor.Encrypt(_pt, _dst);

    /// <summary>Decryption (no decoding).</summary>
    [Benchmark]
    public void Decrypt() => _decryptor.Decrypt(_ct, _ptOut);

    /// <summary>ct + ct (out of place).</summary>
    [Benchmark]
    public void Add() => _evaluator.Add(_ct, _ct, _dst);

    /// <summary>ct × ct without relinearization.</summary>
    [Benchmark]
    public void Multiply() => _evaluator.Multiply(_ct, _ct, _dst);

    /// <summary>ct × pt.</summary>
    [Benchmark]
    public void MultiplyPlain() => _evaluator.MultiplyPlain(_ct, _pt, _dst);

    /// <summary>Relinearization of a size-3 ciphertext (one hybrid key switch).</summary>
    [Benchmark]
    public void Relinearize() => _evaluator.Relinearize(_ct3, _dst);

    /// <summary>Rescale by the last prime.</summary>
    [Benchmark]
    public void Rescale() => _evaluator.Rescale(_ct, _dst);

    /// <summary>Rotation by one slot (one hybrid key switch).</summary>
    [Benchmark]
    public void Rotate() => _evaluator.Rotate(_ct, 1, _dst);

    /// <summary>Four rotations (1..4) sharing one decomposition.</summary>
    [Benchmark]
    public void RotateHoisted4() => _evaluator.RotateHoisted(_ct, s_hoistSteps, _hoisted);
}

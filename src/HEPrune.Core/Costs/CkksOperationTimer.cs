using HEPrune.Ckks.Bootstrapping;
using System.Diagnostics;
using System.Numerics;
using HEPrune.Ckks.Scheme;
using HEPrune.Core.He;
using HEPrune.Core.He.Ckks;

namespace HEPrune.Core.Costs;

/// <summary>
/// Times single operations of the CKKS backend, exactly as circuits call them (through <see cref="IHeEvaluator"/> and
/// <see cref="IHeClient"/>), one call per <see cref="TimeOnce"/>. Holds one backend with the keys the kinds need and one
/// pair of prepared ciphertexts per level.
/// </summary>
/// <remarks>
/// What each kind times: Add = ct+ct; AddPlain = ct+plaintext vector; Mult = multiply, relinearize, rescale; CMult =
/// plaintext-vector product with rescale (a plaintext-cache hit, as in steady state); Const = non-integer scalar with
/// rescale; IntConst = Gaussian-integer scalar; Rot = one rotation; RotHoisted = a hoisted batch divided by its size;
/// Conj = conjugation; Drop = explicit drop by one level (integer scale correction + rescale, see ScaleLadder);
/// Encrypt/Decrypt = client side with encoding/decoding; Refresh = client-aided round trip (serialize, deserialize,
/// decrypt, encrypt at the top, serialize, deserialize); Serialize = serialize + deserialize; Bootstrap (bootstrapping presets only) =
/// one refresh by the backend's bootstrap refresher.
/// </remarks>
public sealed class CkksOperationTimer
{
    private readonly HeBackend _b;
    private readonly HeCiphertext[] _x;
    private readonly HeCiphertext[] _y;
    private readonly SlotVector _values;
    private readonly SlotVector _mask;
    private readonly int[] _hoisted;

    /// <summary>Creates the backend (keys for rotations 1 … <paramref name="hoistedRotations"/> and conjugation) and the inputs.</summary>
    public CkksOperationTimer(CkksParameters parameters, int hoistedRotations = 4)
        : this(parameters ?? throw new ArgumentNullException(nameof(parameters)), null, hoistedRotations)
    {
    }

    /// <summary>
    /// Creates a timer over a bootstrapping parameter set: the backend refreshes by bootstrapping (its keys are generated as for a run with
    /// <c>ckks.refresh: bootstrap</c>), circuits see levels 0..OutputLevel, and <see cref="CostKinds.Bootstrap"/> can be timed.
    /// </summary>
    public CkksOperationTimer(BootstrappingParameters bootstrapping, int hoistedRotations = 4)
        : this(CkksParameters.Create((bootstrapping ?? throw new ArgumentNullException(nameof(bootstrapping))).Scheme), bootstrapping, hoistedRotations)
    {
    }

    private CkksOperationTimer(CkksParameters parameters, BootstrappingParameters? bootstrapping, int hoistedRotations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hoistedRotations, 1);
        Parameters = parameters;
        _hoisted = Enumerable.Range(1, hoistedRotations).ToArray();
        var keys = new EvaluationKeySet(parameters.Slots).AddRange(_hoisted);
        _b = bootstrapping is null ? CkksBackend.Create(parameters, keys) : CkksBackend.Create(bootstrapping, keys, CkksRefresh.Bootstrap, inputBound: 2);
        MaxLevel = _b.Client.Parameters.MaxLevel;
        Bootstraps = bootstrapping is not null;
        var rng = new Random(12345);
        var v = new double[parameters.Slots];
        var m = new double[parameters.Slots];
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = rng.NextDouble() * 2 - 1;
            m[i] = rng.NextDouble();
        }
        _values = new SlotVector(v);
        _mask = new SlotVector(m);
        _x = new HeCiphertext[MaxLevel + 1];
        _y = new HeCiphertext[MaxLevel + 1];
        for (int l = 0; l <= MaxLevel; l++)
        {
            _x[l] = _b.Client.Encrypt(_values, l);
            _y[l] = _b.Client.Encrypt(_values, l);
        }
    }

    /// <summary>The parameter set being timed.</summary>
    public CkksParameters Parameters { get; }

    /// <summary>The highest level circuits use (the parameter set's top level, or the bootstrap's output level).</summary>
    public int MaxLevel { get; }

    /// <summary>Whether the backend refreshes by bootstrapping (then <see cref="CostKinds.Bootstrap"/> can be timed).</summary>
    public bool Bootstraps { get; }

    /// <summary>The kinds this timer measures: <see cref="CostKinds.WithBootstrap"/> over a bootstrapping preset, else <see cref="CostKinds.All"/>.</summary>
    public IReadOnlyList<string> Kinds => Bootstraps ? CostKinds.WithBootstrap : CostKinds.All;

    /// <summary>Returns the levels at which <paramref name="kind"/> can be measured.</summary>
    public IReadOnlyList<int> Levels(string kind)
    {
        Check(kind);
        if (kind == CostKinds.Bootstrap) return [1]; // the refresher drops every input to level 1 first: one level is enough
        int from = CostKinds.NeedsLevel(kind) ? 1 : 0;
        return Enumerable.Range(from, MaxLevel + 1 - from).ToArray();
    }

    /// <summary>Runs one <paramref name="kind"/> operation at input level <paramref name="level"/> and returns its wall time in seconds.</summary>
    /// <exception cref="ArgumentException">The kind is unknown or cannot run at that level.</exception>
    public double TimeOnce(string kind, int level)
    {
        Check(kind);
        int min = CostKinds.NeedsLevel(kind) || kind == CostKinds.Bootstrap ? 1 : 0;
        if (level < min || level > MaxLevel)
            throw new ArgumentException($"CkksOperationTimer: {kind} cannot be measured at level {level}; valid levels are {min} … {MaxLevel}.", nameof(level));
        var ev = _b.Evaluator;
        var client = _b.Client;
        var codec = _b.Codec;
        var x = _x[level];
        var y = _y[level];
        long t0 = Stopwatch.GetTimestamp();
        int per = 1;
        switch (kind)
        {
            case nameof(OpKind.Add): ev.Add(x, y); break;
            case nameof(OpKind.AddPlain): ev.AddPlain(x, _mask); break;
            case nameof(OpKind.Mult): ev.Multiply(x, y); break;
            case nameof(OpKind.CMult): ev.MultiplyPlain(x, _mask); break;
            case nameof(OpKind.Const): ev.MultiplyConst(x, 0.37); break;
            case nameof(OpKind.IntConst): ev.MultiplyConst(x, new Complex(3, 0)); break;
            case nameof(OpKind.Rot): ev.Rotate(x, 1); break;
            case CostKinds.RotHoisted: ev.RotateHoisted(x, _hoisted); per = _hoisted.Length; break;
            case nameof(OpKind.Conj): ev.Conjugate(x); break;
            case nameof(OpKind.Drop): ev.DropLevel(x, level - 1); break;
            case nameof(OpKind.Encrypt): client.Encrypt(_values, level); break;
            case nameof(OpKind.Decrypt): client.Decrypt(x); break;
            case nameof(OpKind.Refresh):
                var atClient = codec.Deserialize(codec.Serialize(x));
                var fresh = client.Encrypt(client.Decrypt(atClient), MaxLevel);
                codec.Deserialize(codec.Serialize(fresh));
                break;
            case CostKinds.Serialize: codec.Deserialize(codec.Serialize(x)); break;
            case CostKinds.Bootstrap: ev.Refresh(x); break;
        }
        return Stopwatch.GetElapsedTime(t0).TotalSeconds / per;
    }

    private void Check(string kind)
    {
        if (!Kinds.Contains(kind))
            throw new ArgumentException($"CkksOperationTimer: unknown kind '{kind}'; known: {string.Join(", ", Kinds)}"
                + (kind == CostKinds.Bootstrap ? " (Bootstrap needs a bootstrapping preset)." : "."), nameof(kind));
    }
}

using System.Numerics;
using HEPrune.Ckks.Scheme;

namespace HEPrune.Core.He.Ckks;

/// <summary>
/// Server-side evaluator of the real RNS-CKKS backend: implements <see cref="IHeEvaluator"/> on top of HEPrune.Ckks
/// with the emulated backend's level, scale, counting and failure rules, so one circuit gives identical
/// <see cref="OpCounter"/> entries on both backends.
/// </summary>
/// <remarks>
/// It holds only public material: the context, an encoder, the relinearization and Galois keys. There is no field, no
/// constructor parameter and no method through which a secret key could reach it. Scales: see <see cref="ScaleLadder"/>;
/// <see cref="HeCiphertext.Scale"/> is the nominal scale, equal to the emulated backend's. Thread-safe: operations on
/// different ciphertexts may run concurrently (e.g. Parallel.For across ciphertexts); counter updates are serialized.
/// </remarks>
public sealed partial class CkksEvaluator : IHeEvaluator
{
    private readonly Evaluator _ev;
    private readonly CkksEncoder _encoder;
    private readonly ScaleLadder _ladder;
    private readonly PlaintextCache _cache;
    private readonly Guid _keySetId;
    private readonly HashSet<int> _steps;
    private readonly bool _conjugation;
    private readonly object _countLock = new();
    private readonly Func<SlotVector, int, double, Plaintext> _encodeFresh;

    internal CkksEvaluator(CkksContext context, HeParameters shape, ScaleLadder ladder, EvaluationKeys keys,
        EvaluationKeySet keySet, Guid keySetId, long plaintextCacheBytes)
    {
        Context = context;
        Parameters = shape;
        _ladder = ladder;
        _ev = new Evaluator(context, keys);
        _encoder = new CkksEncoder(context);
        _cache = new PlaintextCache(plaintextCacheBytes);
        _encodeFresh = (v, l, s) => SlotEncoding.Encode(_encoder, v, l, s);
        _keySetId = keySetId;
        _steps = new HashSet<int>(keySet.Steps);
        _conjugation = keySet.HasConjugation;
        Keys = new EvaluationKeySet(keySet.Slots, keySet.HasConjugation).AddRange(keySet.Steps);
    }

    /// <summary>The CKKS context (parameters and precomputed tables; public data).</summary>
    internal CkksContext Context { get; }

    /// <inheritdoc />
    public HeParameters Parameters { get; }

    /// <inheritdoc />
    public int Slots => Parameters.Slots;

    /// <inheritdoc />
    public OpCounter Counter { get; } = new();

    /// <inheritdoc />
    public IRefresher? Refresher { get; set; }

    /// <summary>A copy of the rotation/conjugation keys this evaluator has (keys were generated for exactly these).</summary>
    public EvaluationKeySet Keys { get; }

    /// <summary>Size of the public evaluation keys this evaluator (and its refresher) holds; set by <see cref="CkksBackend"/>.</summary>
    public CkksKeyMemory? KeyMemory { get; internal set; }

    /// <summary>Plaintext-cache statistics: (entries, bytes, hits, misses).</summary>
    public (int Entries, long Bytes, long Hits, long Misses) PlaintextCacheStats => (_cache.Count, _cache.Bytes, _cache.Hits, _cache.Misses);

    /// <inheritdoc />
    public HeCiphertext Add(HeCiphertext a, HeCiphertext b) => AddSub(a, b, false, "Add");

    /// <inheritdoc />
    public HeCiphertext Sub(HeCiphertext a, HeCiphertext b) => AddSub(a, b, true, "Sub");

    /// <inheritdoc />
    public HeCiphertext Negate(HeCiphertext a)
    {
        var x = Check(a, "Negate");
        Record(OpKind.Add, x.Level);
        var d = new Ciphertext(Context.Parameters, x.Level);
        _ev.Negate(x.Inner, d);
        return Wrap(d, x.Scale);
    }

    /// <inheritdoc />
    public HeCiphertext AddPlain(HeCiphertext a, SlotVector p) => AddSubPlain(a, p, false, "AddPlain");

    /// <inheritdoc />
    public HeCiphertext SubPlain(HeCiphertext a, SlotVector p) => AddSubPlain(a, p, true, "SubPlain");

    /// <inheritdoc />
    public HeCiphertext AddConst(HeCiphertext a, Complex c)
    {
        var x = Check(a, "AddConst");
        Record(OpKind.AddPlain, x.Level);
        var d = new Ciphertext(Context.Parameters, x.Level);
        _ev.AddConst(x.Inner, c, d);
        return Wrap(d, x.Scale);
    }

    /// <inheritdoc />
    public HeCiphertext MultiplyPlain(HeCiphertext a, SlotVector p)
    {
        var x = Check(a, "MultiplyPlain");
        CheckPlain(p, "MultiplyPlain");
        NeedLevel(x, "MultiplyPlain");
        Record(OpKind.CMult, x.Level);
        var pt = Encode(p, x.Level, _ladder.MultiplyScale(x.Level));
        var d = new Ciphertext(Context.Parameters, x.Level);
        _ev.MultiplyPlain(x.Inner, pt, d);
        _ev.Rescale(d, d);
        return Wrap(d, x.Scale);
    }

    /// <inheritdoc />
    public HeCiphertext MultiplyConst(HeCiphertext a, Complex c)
    {
        var x = Check(a, "MultiplyConst");
        bool gaussianInteger = c.Real == Math.Round(c.Real) && c.Imaginary == Math.Round(c.Imaginary);
        if (!gaussianInteger) NeedLevel(x, "MultiplyConst");
        Record(gaussianInteger ? OpKind.IntConst : OpKind.Const, x.Level);
        var d = new Ciphertext(Context.Parameters, x.Level);
        if (gaussianInteger)
        {
            _ev.MultiplyConst(x.Inner, c, d, constantScale: 1.0);
            return Wrap(d, x.Scale);
        }
        _ev.MultiplyConst(x.Inner, c, d, _ladder.MultiplyScale(x.Level));
        _ev.Rescale(d, d);
        return Wrap(d, x.Scale);
    }

    /// <inheritdoc />
    public HeCiphertext Multiply(HeCiphertext a, HeCiphertext b)
    {
        var x = Check(a, "Multiply");
        var y = Check(b, "Multiply");
        int level = Math.Min(x.Level, y.Level);
        if (level < 1) throw new LevelExhaustedException("Multiply", level, 1);
        Record(OpKind.Mult, level);
        var d = new Ciphertext(Context.Parameters, level);
        _ev.MultiplyRelinRescale(AtLevel(x, level), AtLevel(y, level), d);
        return Wrap(d, x.Scale * y.Scale / Parameters.PrimeValue(level));
    }

    /// <inheritdoc />
    public HeCiphertext Square(HeCiphertext a)
    {
        var x = Check(a, "Square");
        NeedLevel(x, "Square");
        Record(OpKind.Mult, x.Level);
        var d = new Ciphertext(Context.Parameters, x.Level);
        _ev.MultiplyRelinRescale(x.Inner, x.Inner, d);
        return Wrap(d, x.Scale * x.Scale / Parameters.PrimeValue(x.Level));
    }

    /// <inheritdoc />
    public HeCiphertext DropLevel(HeCiphertext a, int targetLevel)
    {
        var x = Check(a, "DropLevel");
        if (targetLevel < 0 || targetLevel > x.Level)
            throw new ArgumentOutOfRangeException(nameof(targetLevel), targetLevel, $"DropLevel: target must be in [0, {x.Level}].");
        if (targetLevel == x.Level) return x;
        Record(OpKind.Drop, x.Level);
        return Wrap(AtLevel(x, targetLevel), x.Scale);
    }

    /// <inheritdoc />
    public HeCiphertext Refresh(HeCiphertext a)
    {
        var x = Check(a, "Refresh");
        var r = Refresher ?? throw new InvalidOperationException("Refresh: no refresher (bootstrapping or client-aided) is configured on the evaluator.");
        if (x.Level < r.MinInputLevel)
            throw new LevelExhaustedException($"Refresh ({r.Name})", x.Level, r.MinInputLevel);
        Record(OpKind.Refresh, x.Level);
        var result = r.Refresh(x);
        if (result.Slots != Slots)
            throw new InvalidOperationException($"Refresh ({r.Name}) returned {result.Slots} slots, expected {Slots}.");
        return result;
    }

    /// <summary>Wraps a library ciphertext produced by this evaluator.</summary>
    private CkksHeCiphertext Wrap(Ciphertext ct, double nominalScale) => new(ct, nominalScale, _keySetId);

    /// <summary>Returns x's CKKS ciphertext moved to <paramref name="level"/> with the actual scale of that level (see <see cref="ScaleLadder"/>).</summary>
    private Ciphertext AtLevel(CkksHeCiphertext x, int level)
    {
        if (level == x.Level) return x.Inner;
        var d = new Ciphertext(Context.Parameters, x.Level);
        _ev.MultiplyConst(x.Inner, Complex.One, d, _ladder.DropFactor(x.Level, level));
        _ev.Rescale(d, d);
        if (d.Level > level) _ev.DropToLevel(d, level, d);
        return d;
    }

    private HeCiphertext AddSub(HeCiphertext a, HeCiphertext b, bool subtract, string op)
    {
        var x = Check(a, op);
        var y = Check(b, op);
        CheckScales(x.Scale, y.Scale, op);
        int level = Math.Min(x.Level, y.Level);
        Record(OpKind.Add, level);
        var d = new Ciphertext(Context.Parameters, level);
        if (subtract) _ev.Sub(AtLevel(x, level), AtLevel(y, level), d);
        else _ev.Add(AtLevel(x, level), AtLevel(y, level), d);
        return Wrap(d, x.Scale);
    }

    private HeCiphertext AddSubPlain(HeCiphertext a, SlotVector p, bool subtract, string op)
    {
        var x = Check(a, op);
        CheckPlain(p, op);
        Record(OpKind.AddPlain, x.Level);
        var pt = Encode(p, x.Level, x.Inner.Scale);
        var d = new Ciphertext(Context.Parameters, x.Level);
        if (subtract) _ev.SubPlain(x.Inner, pt, d);
        else _ev.AddPlain(x.Inner, pt, d);
        return Wrap(d, x.Scale);
    }

    private Plaintext Encode(SlotVector p, int level, double scale) => _cache.GetOrAdd(p, level, scale, _encodeFresh);

    private void Record(OpKind kind, int level)
    {
        lock (_countLock) Counter.Record(kind, level);
    }

    private CkksHeCiphertext Check(HeCiphertext a, string op)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a is not CkksHeCiphertext x)
            throw new ArgumentException($"{op}: ciphertext of type {a.GetType().Name} does not belong to the ckks backend.", nameof(a));
        if (x.Slots != Slots)
            throw new ArgumentException($"{op}: ciphertext has {x.Slots} slots, evaluator has {Slots}.", nameof(a));
        if (x.KeySetId != _keySetId)
            throw new ArgumentException($"{op}: ciphertext was encrypted under key set {x.KeySetId}, but this evaluator holds the evaluation keys of key set {_keySetId}; ciphertexts of different clients cannot be combined.", nameof(a));
        if (x.Inner.Size != 2)
            throw new ArgumentException($"{op}: ciphertext has {x.Inner.Size} polynomials, expected a relinearized ciphertext (2).", nameof(a));
        return x;
    }

    private void CheckPlain(SlotVector p, string op)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (p.Length != Slots)
            throw new ArgumentException($"{op}: plaintext has {p.Length} slots, evaluator has {Slots}.", nameof(p));
    }

    private static void NeedLevel(CkksHeCiphertext x, string op)
    {
        if (x.Level < 1) throw new LevelExhaustedException(op, x.Level, 1);
    }

    private static void CheckScales(double sa, double sb, string op)
    {
        if (Math.Abs(sa / sb - 1.0) > 1e-9) throw new ScaleMismatchException(op, sa, sb);
    }
}

namespace HEPrune.Core.He;

/// <summary>
/// Records homomorphic operations by kind and by input level, and, inside a <see cref="Scope"/>, also by component
/// (the outermost open scope's name); counters can be snapshotted, subtracted, merged and exported as JSON-friendly
/// dictionaries.
/// </summary>
/// <remarks>
/// Not thread-safe: one counter belongs to one evaluator, which is used from one thread at a time (evaluators that
/// record from worker threads lock around <see cref="Record"/>). Scopes are opened and closed by the orchestrating
/// thread between operations; operations recorded by worker threads meanwhile go to the scope open at that time.
/// </remarks>
public sealed class OpCounter
{
    private static readonly int KindCount = Enum.GetValues<OpKind>().Length;
    private long[][] _counts;
    private readonly List<string> _scopes = new();
    private readonly SortedDictionary<string, OpCounter> _components = new(StringComparer.Ordinal);

    /// <summary>Creates an empty counter.</summary>
    public OpCounter()
    {
        _counts = new long[KindCount][];
        for (int k = 0; k < KindCount; k++) _counts[k] = new long[16];
    }

    /// <summary>Adds <paramref name="count"/> operations of <paramref name="kind"/> at input level <paramref name="level"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The level or the count is negative.</exception>
    public void Record(OpKind kind, int level, long count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        RecordUnscoped(kind, level, count);
        if (_scopes.Count > 0) Component(_scopes[0]).Record(kind, level, count);
    }

    /// <summary>
    /// Opens a component scope: until the returned handle is disposed, operations are also counted under
    /// <paramref name="component"/>, unless an outer scope is open (the outermost scope names the component, so a
    /// pruning round's forward pass stays in the pruning component even though it runs the training circuit's stages).
    /// </summary>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public ScopeHandle Scope(string component)
    {
        ArgumentException.ThrowIfNullOrEmpty(component);
        _scopes.Add(component);
        return new ScopeHandle(this, _scopes.Count);
    }

    /// <summary>The component operations are counted under now, or null outside every scope.</summary>
    public string? CurrentComponent => _scopes.Count > 0 ? _scopes[0] : null;

    /// <summary>Counts per component (operations recorded outside every scope are in no component).</summary>
    public IReadOnlyDictionary<string, OpCounter> Components => _components;

    /// <summary>Closes a scope opened by <see cref="Scope"/>; closing out of order is an error.</summary>
    public readonly struct ScopeHandle : IDisposable
    {
        private readonly OpCounter? _owner;
        private readonly int _depth;

        internal ScopeHandle(OpCounter owner, int depth)
        {
            _owner = owner;
            _depth = depth;
        }

        /// <summary>Closes the scope.</summary>
        /// <exception cref="InvalidOperationException">An inner scope is still open.</exception>
        public void Dispose()
        {
            if (_owner is null) return;
            if (_owner._scopes.Count != _depth)
                throw new InvalidOperationException($"OpCounter: scope '{_owner._scopes[_depth - 1]}' closed while {_owner._scopes.Count - _depth} inner scope(s) are open.");
            _owner._scopes.RemoveAt(_depth - 1);
        }
    }

    private OpCounter Component(string name)
    {
        if (!_components.TryGetValue(name, out var c)) _components[name] = c = new OpCounter();
        return c;
    }

    /// <summary>Returns the total number of operations of a kind, over all levels.</summary>
    public long this[OpKind kind]
    {
        get
        {
            long s = 0;
            foreach (long v in _counts[(int)kind]) s += v;
            return s;
        }
    }

    /// <summary>Returns the number of operations of a kind whose input was at the given level.</summary>
    public long At(OpKind kind, int level)
    {
        var row = _counts[(int)kind];
        return (uint)level < (uint)row.Length ? row[level] : 0;
    }

    /// <summary>Adds all counts of <paramref name="other"/> into this counter.</summary>
    public void Merge(OpCounter other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (int k = 0; k < KindCount; k++)
        {
            var src = other._counts[k];
            for (int l = 0; l < src.Length; l++)
                if (src[l] != 0) RecordUnscoped((OpKind)k, l, src[l]);
        }
        foreach (var (name, c) in other._components) Component(name).Merge(c);
    }

    private void RecordUnscoped(OpKind kind, int level, long count)
    {
        var row = _counts[(int)kind];
        if (level >= row.Length)
        {
            Array.Resize(ref row, Math.Max(level + 1, row.Length * 2));
            _counts[(int)kind] = row;
        }
        row[level] += count;
    }

    /// <summary>Returns an independent copy of the current counts.</summary>
    public OpCounter Snapshot()
    {
        var c = new OpCounter();
        c.Merge(this);
        return c;
    }

    /// <summary>Returns a new counter holding this counter's counts minus <paramref name="earlier"/>'s (a section's counts).</summary>
    /// <exception cref="ArgumentException">A count of <paramref name="earlier"/> exceeds this counter's.</exception>
    public OpCounter Since(OpCounter earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        var c = Snapshot();
        for (int k = 0; k < KindCount; k++)
        {
            var src = earlier._counts[k];
            for (int l = 0; l < src.Length; l++)
            {
                if (src[l] == 0) continue;
                long now = c.At((OpKind)k, l);
                if (now < src[l])
                    throw new ArgumentException($"OpCounter.Since: {(OpKind)k} at level {l} is {now}, less than the earlier {src[l]}.", nameof(earlier));
                c._counts[k][l] = now - src[l];
            }
        }
        foreach (var (name, e) in earlier._components)
        {
            if (!c._components.TryGetValue(name, out var mine))
                throw new ArgumentException($"OpCounter.Since: component '{name}' is missing from the later counter.", nameof(earlier));
            c._components[name] = mine.Since(e);
        }
        return c;
    }

    /// <summary>Clears every count.</summary>
    public void Reset()
    {
        foreach (var row in _counts) Array.Clear(row);
        _components.Clear();
    }

    /// <summary>Returns the totals per kind as a dictionary keyed by kind name (kinds with zero count omitted).</summary>
    public Dictionary<string, long> Totals()
    {
        var d = new Dictionary<string, long>();
        for (int k = 0; k < KindCount; k++)
        {
            long t = this[(OpKind)k];
            if (t != 0) d[((OpKind)k).ToString()] = t;
        }
        return d;
    }

    /// <summary>Returns counts per kind and per input level, keyed by kind name then by level as a string.</summary>
    public Dictionary<string, Dictionary<string, long>> ByLevel()
    {
        var d = new Dictionary<string, Dictionary<string, long>>();
        for (int k = 0; k < KindCount; k++)
        {
            var row = _counts[k];
            Dictionary<string, long>? inner = null;
            for (int l = 0; l < row.Length; l++)
            {
                if (row[l] == 0) continue;
                inner ??= new Dictionary<string, long>();
                inner[l.ToString(System.Globalization.CultureInfo.InvariantCulture)] = row[l];
            }
            if (inner is not null) d[((OpKind)k).ToString()] = inner;
        }
        return d;
    }

    /// <summary>Rebuilds a counter from the output of <see cref="ByLevel"/>.</summary>
    /// <exception cref="ArgumentException">A kind name or level is not recognised.</exception>
    public static OpCounter FromByLevel(IReadOnlyDictionary<string, Dictionary<string, long>> byLevel)
    {
        ArgumentNullException.ThrowIfNull(byLevel);
        var c = new OpCounter();
        foreach (var (name, inner) in byLevel)
        {
            if (!Enum.TryParse<OpKind>(name, out var kind))
                throw new ArgumentException($"OpCounter.FromByLevel: unknown operation kind '{name}'.", nameof(byLevel));
            foreach (var (lv, n) in inner)
            {
                if (!int.TryParse(lv, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int level))
                    throw new ArgumentException($"OpCounter.FromByLevel: level '{lv}' of {name} is not a non-negative integer.", nameof(byLevel));
                c.Record(kind, level, n);
            }
        }
        return c;
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", Totals().Select(kv => $"{kv.Key}={kv.Value}"));
}

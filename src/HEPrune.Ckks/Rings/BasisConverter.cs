using HEPrune.Ckks.Arithmetic;

namespace HEPrune.Ckks.Rings;

/// <summary>Fast (approximate) RNS basis conversion from a source basis S = {s_i} to a target basis T = {t_k}.</summary>
/// <remarks>
/// For x given by residues x_i mod s_i it computes Σ_i [x_i·(S/s_i)^−1]_{s_i}·(S/s_i) mod t_k, which equals x + u·S for an integer
/// 0 ≤ u &lt; |S| (Halevi–Polyakov–Shoup / Bajard et al.). Used for key-switching mod-up and mod-down, where the u·S term is harmless.
/// Immutable and thread-safe.
/// </remarks>
public sealed class BasisConverter
{
    private readonly ulong[] _sHatInv;
    private readonly ulong[] _sHatInvShoup;
    private readonly ulong[] _sHatModT; // [k * a + i] = (S/s_i) mod t_k
    private readonly ulong[] _sModT;    // S mod t_k
    private readonly double[] _sInv;    // 1 / s_i

    /// <summary>Precomputes the conversion constants.</summary>
    /// <exception cref="ArgumentException">If the source basis is empty or has more than 32 primes.</exception>
    public BasisConverter(IReadOnlyList<Modulus> source, IReadOnlyList<Modulus> target)
    {
        if (source.Count == 0 || source.Count > 32)
        {
            throw new ArgumentException($"BasisConverter: source basis must have 1..32 primes, got {source.Count}.", nameof(source));
        }

        Source = [.. source];
        Target = [.. target];
        int a = source.Count;
        _sHatInv = new ulong[a];
        _sHatInvShoup = new ulong[a];
        for (int i = 0; i < a; i++)
        {
            ulong prod = 1;
            for (int j = 0; j < a; j++)
            {
                if (j != i)
                {
                    prod = source[i].Mul(prod, source[i].Reduce(source[j].Value));
                }
            }

            _sHatInv[i] = source[i].Inverse(prod);
            _sHatInvShoup[i] = source[i].ShoupOf(_sHatInv[i]);
        }

        _sHatModT = new ulong[target.Count * a];
        for (int k = 0; k < target.Count; k++)
        {
            for (int i = 0; i < a; i++)
            {
                ulong prod = 1;
                for (int j = 0; j < a; j++)
                {
                    if (j != i)
                    {
                        prod = target[k].Mul(prod, target[k].Reduce(source[j].Value));
                    }
                }

                _sHatModT[k * a + i] = prod;
            }
        }

        _sModT = new ulong[target.Count];
        for (int k = 0; k < target.Count; k++)
        {
            ulong prod = 1;
            for (int j = 0; j < a; j++)
            {
                prod = target[k].Mul(prod, target[k].Reduce(source[j].Value));
            }

            _sModT[k] = prod;
        }

        _sInv = [.. source.Select(m => 1.0 / m.Value)];
    }

    /// <summary>Source primes.</summary>
    public Modulus[] Source { get; }

    /// <summary>Target primes.</summary>
    public Modulus[] Target { get; }

    /// <summary>
    /// Converts coefficient-form residues <paramref name="source"/> (|S| limbs of length n) into <paramref name="destination"/>
    /// (|T| limbs of length n). Uses a pooled scratch buffer; no other allocation.
    /// </summary>
    /// <exception cref="ArgumentException">If a span is too short.</exception>
    public void Convert(ReadOnlySpan<ulong> source, Span<ulong> destination, int n)
    {
        int a = Source.Length, b = Target.Length;
        if (source.Length < a * n || destination.Length < b * n)
        {
            throw new ArgumentException($"BasisConverter.Convert: need {a}×{n} source and {b}×{n} destination values.");
        }

        using var y = ScratchBuffer.Rent(a * n);
        Span<ulong> ys = y.Span;
        for (int i = 0; i < a; i++)
        {
            ulong q = Source[i].Value, w = _sHatInv[i], ws = _sHatInvShoup[i];
            ReadOnlySpan<ulong> x = source.Slice(i * n, n);
            Span<ulong> yi = ys.Slice(i * n, n);
            for (int j = 0; j < n; j++)
            {
                yi[j] = Modulus.MulShoup(x[j], w, ws, q);
            }
        }

        for (int k = 0; k < b; k++)
        {
            ConvertOne(ys, destination.Slice(k * n, n), k, n);
        }
    }

    /// <summary>
    /// Same as <see cref="Convert"/> but computes only target limbs listed in the [first, first+count) range, with the precomputed
    /// y_i = [x_i·(S/s_i)^−1]_{s_i} given in <paramref name="y"/>; lets callers run target limbs in parallel.
    /// </summary>
    internal void ConvertOne(ReadOnlySpan<ulong> y, Span<ulong> destination, int k, int n)
    {
        int a = Source.Length;
        Modulus t = Target[k];
        ReadOnlySpan<ulong> c = _sHatModT.AsSpan(k * a, a);
        for (int j = 0; j < n; j++)
        {
            UInt128 acc = 0;
            for (int i = 0; i < a; i++)
            {
                acc += (UInt128)y[i * n + j] * c[i];
            }

            destination[j] = t.Reduce128((ulong)(acc >> 64), (ulong)acc);
        }
    }

    /// <summary>
    /// Computes u = round(Σ_i y_i / s_i) per coefficient (double precision), so that Σ_i y_i·(S/s_i) − u·S is the centred representative
    /// of x in [−S/2, S/2). A rounding slip near a half-integer (probability ~2^−45) only moves one value by ±S, which keeps it ≡ x mod S.
    /// </summary>
    internal void CenteredQuotients(ReadOnlySpan<ulong> y, Span<ulong> u, int n)
    {
        int a = Source.Length;
        for (int j = 0; j < n; j++)
        {
            double v = 0.5;
            for (int i = 0; i < a; i++)
            {
                v += y[i * n + j] * _sInv[i];
            }

            u[j] = (ulong)v;
        }
    }

    /// <summary>Converts to target limb k the centred representative of x: Σ_i y_i·(S/s_i) − u·S mod t_k, with u from <see cref="CenteredQuotients"/>.</summary>
    internal void ConvertOneCentered(ReadOnlySpan<ulong> y, ReadOnlySpan<ulong> u, Span<ulong> destination, int k, int n)
    {
        int a = Source.Length;
        Modulus t = Target[k];
        ulong sMod = _sModT[k];
        ReadOnlySpan<ulong> c = _sHatModT.AsSpan(k * a, a);
        for (int j = 0; j < n; j++)
        {
            UInt128 acc = 0;
            for (int i = 0; i < a; i++)
            {
                acc += (UInt128)y[i * n + j] * c[i];
            }

            acc += (UInt128)(t.Value - sMod) * u[j]; // − u·S ≡ + u·(t − S mod t)
            destination[j] = t.Reduce128((ulong)(acc >> 64), (ulong)acc);
        }
    }

    /// <summary>Computes y_i = [x_i·(S/s_i)^−1]_{s_i} for every source limb (the first half of <see cref="Convert"/>).</summary>
    internal void Prepare(ReadOnlySpan<ulong> source, Span<ulong> y, int n)
    {
        SimdPath path = Simd.Active;
        for (int i = 0; i < Source.Length; i++)
        {
            RnsMath.MulShoup(source.Slice(i * n, n), _sHatInv[i], _sHatInvShoup[i], y.Slice(i * n, n), Source[i].Value, path);
        }
    }
}

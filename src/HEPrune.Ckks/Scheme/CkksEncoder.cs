using System.Buffers;
using System.Numerics;
using HEPrune.Ckks.Arithmetic;
using HEPrune.Ckks.Rings;

namespace HEPrune.Ckks.Scheme;

/// <summary>Encodes complex or real slot vectors (N/2 slots) into plaintexts and decodes them back, via the canonical embedding.</summary>
/// <remarks>
/// Slot j holds m(ζ^(5^j)) with ζ = e^(iπ/N), so a left rotation by k is the automorphism X ↦ X^(5^k) and conjugation is X ↦ X^(−1).
/// With n = N/2 and u_k = c_k + i·c_(k+n), m(ζ·ω^t) = Σ_k (u_k ζ^k) ω^(tk) for ω = e^(2πi/n): encoding is an inverse FFT of size n followed by
/// a twist by ζ^(−k); decoding is the reverse. Coefficients are rounded to the nearest integer after scaling; values beyond 2^63 are reduced
/// exactly from their binary representation. Decoding composes the RNS residues with Garner's mixed-radix CRT (64-bit arithmetic only)
/// and converts the centred value to double. Thread-safe (tables are read-only; scratch is pooled).
/// </remarks>
public sealed class CkksEncoder
{
    private readonly CkksContext _ctx;
    private readonly int _slots;
    private readonly int[] _slotIndex;     // t_j = (5^j mod 2N − 1)/4
    private readonly Complex[] _omega;     // ω^t, t < n
    private readonly Complex[] _twist;     // ζ^k, k < n
    private readonly int _logSlots;

    /// <summary>Creates an encoder for the context's parameters.</summary>
    public CkksEncoder(CkksContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _ctx = context;
        int n = context.N;
        _slots = n / 2;
        _logSlots = BitOperations.Log2((uint)_slots);
        _slotIndex = new int[_slots];
        ulong m = 2UL * (ulong)n, g = 1;
        for (int j = 0; j < _slots; j++)
        {
            _slotIndex[j] = (int)((g - 1) / 4);
            g = g * 5 % m;
        }

        _omega = new Complex[_slots];
        for (int t = 0; t < _slots; t++)
        {
            double a = 2 * Math.PI * t / _slots;
            _omega[t] = new Complex(Math.Cos(a), Math.Sin(a));
        }

        _twist = new Complex[_slots];
        for (int k = 0; k < _slots; k++)
        {
            double a = Math.PI * k / n;
            _twist[k] = new Complex(Math.Cos(a), Math.Sin(a));
        }
    }

    /// <summary>Number of complex slots (N/2).</summary>
    public int Slots => _slots;

    /// <summary>Encodes complex <paramref name="values"/> (at most N/2; the rest are zero) at <paramref name="level"/> and <paramref name="scale"/> into a new plaintext.</summary>
    public Plaintext Encode(ReadOnlySpan<Complex> values, int level, double scale)
    {
        var pt = new Plaintext(_ctx.Parameters, level, scale);
        Encode(values, level, scale, pt);
        return pt;
    }

    /// <summary>Encodes real <paramref name="values"/> (imaginary parts zero) into a new plaintext.</summary>
    public Plaintext Encode(ReadOnlySpan<double> values, int level, double scale)
    {
        var pt = new Plaintext(_ctx.Parameters, level, scale);
        Encode(values, level, scale, pt);
        return pt;
    }

    /// <summary>Encodes real values into <paramref name="destination"/>.</summary>
    public void Encode(ReadOnlySpan<double> values, int level, double scale, Plaintext destination)
    {
        Complex[] tmp = ArrayPool<Complex>.Shared.Rent(values.Length);
        try
        {
            for (int i = 0; i < values.Length; i++)
            {
                tmp[i] = values[i];
            }

            Encode(tmp.AsSpan(0, values.Length), level, scale, destination);
        }
        finally
        {
            ArrayPool<Complex>.Shared.Return(tmp);
        }
    }

    /// <summary>Encodes complex values into <paramref name="destination"/> at <paramref name="level"/> and <paramref name="scale"/>.</summary>
    /// <exception cref="ArgumentException">If there are more values than slots, a value is not finite, the scale is not positive, or a scaled coefficient exceeds Q_level/2.</exception>
    /// <exception cref="ArgumentOutOfRangeException">If the level is outside [0, L].</exception>
    public void Encode(ReadOnlySpan<Complex> values, int level, double scale, Plaintext destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        _ctx.CheckParameters(destination.Parameters, "Encode", "the destination");
        if (values.Length > _slots)
        {
            throw new ArgumentException($"Encode: {values.Length} values exceed the {_slots} slots.", nameof(values));
        }

        if (level < 0 || level > _ctx.MaxLevel)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, $"Encode: level must be in [0, {_ctx.MaxLevel}].");
        }

        if (!(scale > 0) || double.IsInfinity(scale))
        {
            throw new ArgumentException($"Encode: scale must be positive and finite, got {scale}.", nameof(scale));
        }

        Complex[] f = ArrayPool<Complex>.Shared.Rent(_slots);
        try
        {
            Array.Clear(f, 0, _slots);
            for (int j = 0; j < values.Length; j++)
            {
                Complex v = values[j];
                if (!double.IsFinite(v.Real) || !double.IsFinite(v.Imaginary))
                {
                    throw new ArgumentException($"Encode: value {j} is not finite ({v}).", nameof(values));
                }

                f[_slotIndex[j]] = v;
            }

            Fft(f.AsSpan(0, _slots), inverse: true);
            double limit = Math.Pow(2, _ctx.Parameters.LogQAtLevel(level) - 1);
            destination.SetLevel(level);
            destination.Scale = scale;
            int n = _ctx.N;
            RnsPoly poly = destination.Poly;
            for (int k = 0; k < _slots; k++)
            {
                Complex u = f[k] * Complex.Conjugate(_twist[k]) / _slots;
                WriteCoefficient(poly, level, k, Math.Round(u.Real * scale), limit);
                WriteCoefficient(poly, level, k + _slots, Math.Round(u.Imaginary * scale), limit);
            }

            Parallelism.For(level + 1, n, i => Ntt.Forward(poly.Limb(i), _ctx.QpTables[i]));
        }
        finally
        {
            ArrayPool<Complex>.Shared.Return(f);
        }
    }

    /// <summary>Decodes <paramref name="plaintext"/> into a new array of N/2 complex slots.</summary>
    public Complex[] Decode(Plaintext plaintext)
    {
        var result = new Complex[_slots];
        Decode(plaintext, result);
        return result;
    }

    /// <summary>Decodes the real parts of the slots into a new array.</summary>
    public double[] DecodeReal(Plaintext plaintext)
    {
        Complex[] c = Decode(plaintext);
        var r = new double[c.Length];
        for (int i = 0; i < c.Length; i++)
        {
            r[i] = c[i].Real;
        }

        return r;
    }

    /// <summary>Decodes <paramref name="plaintext"/> into <paramref name="destination"/> (its first min(N/2, length) slots).</summary>
    public void Decode(Plaintext plaintext, Span<Complex> destination)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        _ctx.CheckParameters(plaintext.Parameters, "Decode", "the plaintext");
        int n = _ctx.N, limbs = plaintext.Level + 1;
        using var coeffs = ScratchBuffer.Rent(limbs * n);
        Span<ulong> all = coeffs.Span;
        plaintext.Poly.Data.CopyTo(all);
        ulong[] arr = coeffs.Array;
        Parallelism.For(limbs, n, i => Ntt.Inverse(arr.AsSpan(i * n, n), _ctx.QpTables[i]));
        Complex[] f = ArrayPool<Complex>.Shared.Rent(_slots);
        try
        {
            double inv = 1.0 / plaintext.Scale;
            Span<ulong> digits = stackalloc ulong[limbs];
            Span<ulong> residues = stackalloc ulong[limbs];
            for (int k = 0; k < _slots; k++)
            {
                double re = ToCentered(all, k, limbs, n, residues, digits) * inv;
                double im = ToCentered(all, k + _slots, limbs, n, residues, digits) * inv;
                f[k] = new Complex(re, im) * _twist[k];
            }

            Fft(f.AsSpan(0, _slots), inverse: false);
            int count = Math.Min(destination.Length, _slots);
            for (int j = 0; j < count; j++)
            {
                destination[j] = f[_slotIndex[j]];
            }
        }
        finally
        {
            ArrayPool<Complex>.Shared.Return(f);
        }
    }

    private void WriteCoefficient(RnsPoly poly, int level, int index, double value, double limit)
    {
        if (!(Math.Abs(value) < limit))
        {
            throw new ArgumentException(
                $"Encode: scaled coefficient 2^{Math.Log2(Math.Abs(value)):F1} exceeds Q_{level}/2 = 2^{Math.Log2(limit):F1}; lower the scale or the values, or encode at a higher level.");
        }

        int n = _ctx.N;
        for (int i = 0; i <= level; i++)
        {
            poly.Buffer[i * n + index] = ExactRounding.Residue(value, _ctx.QModuli[i]);
        }
    }

    /// <summary>Composes residue k of each limb (coefficient form) into the centred integer, as a double (Garner's mixed radix).</summary>
    private double ToCentered(ReadOnlySpan<ulong> coeffs, int k, int limbs, int n, Span<ulong> residues, Span<ulong> digits)
    {
        Modulus[] qs = _ctx.QModuli;
        if (limbs == 1)
        {
            ulong x = coeffs[k], q = qs[0].Value;
            return x > q >> 1 ? -(double)(q - x) : x;
        }

        for (int i = 0; i < limbs; i++)
        {
            residues[i] = coeffs[i * n + k];
        }

        MixedRadix(residues, digits, limbs);
        double f = 0;
        for (int i = 0; i < limbs; i++)
        {
            f = (digits[i] + f) / qs[i].Value; // = x / Q_l in [0, 1)
        }

        double sign = 1;
        if (f >= 0.5)
        {
            for (int i = 0; i < limbs; i++)
            {
                residues[i] = qs[i].Negate(residues[i]);
            }

            MixedRadix(residues, digits, limbs);
            sign = -1;
        }

        double val = digits[limbs - 1];
        for (int i = limbs - 2; i >= 0; i--)
        {
            val = val * qs[i].Value + digits[i];
        }

        return sign * val;
    }

    private void MixedRadix(ReadOnlySpan<ulong> residues, Span<ulong> digits, int limbs)
    {
        Modulus[] qs = _ctx.QModuli;
        for (int j = 0; j < limbs; j++)
        {
            Modulus qj = qs[j];
            ulong t = residues[j];
            ulong[] inv = _ctx.GarnerInv[j];
            for (int i = 0; i < j; i++)
            {
                t = qj.Mul(qj.Sub(t, qj.Reduce(digits[i])), inv[i]);
            }

            digits[j] = t;
        }
    }

    /// <summary>In-place radix-2 FFT of length n = N/2: forward F[t] = Σ_k x_k ω^(tk); inverse x_k = Σ_t F[t] ω^(−tk) (unnormalised).</summary>
    private void Fft(Span<Complex> a, bool inverse)
    {
        int n = a.Length;
        for (int i = 0; i < n; i++)
        {
            int r = UInt64Math.BitReverse(i, _logSlots);
            if (i < r)
            {
                (a[i], a[r]) = (a[r], a[i]);
            }
        }

        for (int len = 2; len <= n; len <<= 1)
        {
            int half = len >> 1, stride = n / len;
            for (int start = 0; start < n; start += len)
            {
                for (int j = 0; j < half; j++)
                {
                    Complex w = _omega[j * stride];
                    if (inverse)
                    {
                        w = Complex.Conjugate(w);
                    }

                    Complex u = a[start + j], v = a[start + j + half] * w;
                    a[start + j] = u + v;
                    a[start + j + half] = u - v;
                }
            }
        }
    }
}

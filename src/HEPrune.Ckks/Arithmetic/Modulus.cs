using System.Runtime.CompilerServices;

namespace HEPrune.Ckks.Arithmetic;

/// <summary>An odd modulus q (2 ≤ bits ≤ 61) with precomputed Barrett constants for fast reduction and modular multiplication.</summary>
/// <remarks>
/// Barrett: ratio = ⌊2^128 / q⌋ stored as two words; a 128-bit value below q·2^64 is reduced with three 64×64 products.
/// Shoup: for a fixed multiplicand w the constant w' = ⌊w·2^64/q⌋ turns x·w mod q into two multiplies and one conditional subtraction.
/// All methods are pure; instances are immutable and thread-safe.
/// </remarks>
public sealed class Modulus : IEquatable<Modulus>
{
    /// <summary>Largest supported bit size of a modulus (lazy NTT values stay in [0, 4q) &lt; 2^64 and sums of products fit).</summary>
    public const int MaxBits = 61;

    private readonly ulong _ratioHi;
    private readonly ulong _ratioLo;

    /// <summary>Creates a modulus and precomputes its Barrett constants.</summary>
    /// <exception cref="ArgumentOutOfRangeException">If q is below 2, even, or wider than <see cref="MaxBits"/> bits.</exception>
    public Modulus(ulong value)
    {
        if (value < 3 || (value & 1) == 0 || value >> MaxBits != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"Modulus: expected an odd value in [3, 2^{MaxBits}).");
        }

        Value = value;
        BitCount = 64 - System.Numerics.BitOperations.LeadingZeroCount(value);
        UInt128 ratio = UInt128.MaxValue / value; // = ⌊(2^128 − 1)/q⌋ = ⌊2^128/q⌋ for q not a power of two
        _ratioHi = (ulong)(ratio >> 64);
        _ratioLo = (ulong)ratio;
    }

    /// <summary>The modulus q.</summary>
    public ulong Value { get; }

    /// <summary>Number of significant bits of q.</summary>
    public int BitCount { get; }

    /// <summary>High word of ⌊2^128/q⌋ (= ⌊2^64/q⌋), the constant of the one-word Barrett reduction <see cref="Reduce"/>.</summary>
    internal ulong BarrettRatioHigh => _ratioHi;

    /// <summary>Reduces a 64-bit value modulo q.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Reduce(ulong x)
    {
        ulong qe = UInt64Math.MulHigh(x, _ratioHi);
        ulong r = x - qe * Value;
        return UInt64Math.ReduceOnce(r, Value);
    }

    /// <summary>Reduces the 128-bit value hi·2^64 + lo modulo q (any hi).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Reduce128(ulong hi, ulong lo)
    {
        if (hi >= Value)
        {
            hi = Reduce(hi);
        }

        // Quotient estimate: bits 128..191 of (hi·2^64 + lo)·(ratioHi·2^64 + ratioLo); hi < q keeps the middle sum below 2^128.
        UInt128 mid = (UInt128)hi * _ratioLo + (UInt128)lo * _ratioHi + UInt64Math.MulHigh(lo, _ratioLo);
        ulong qe = hi * _ratioHi + (ulong)(mid >> 64);
        ulong r = lo - qe * Value; // < 3q
        r = UInt64Math.ReduceOnce(r, 2 * Value);
        return UInt64Math.ReduceOnce(r, Value);
    }

    /// <summary>Returns (a + b) mod q for a, b &lt; q.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Add(ulong a, ulong b)
    {
        return UInt64Math.ReduceOnce(a + b, Value);
    }

    /// <summary>Returns (a − b) mod q for a, b &lt; q.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Sub(ulong a, ulong b) => UInt64Math.ReduceOnce(a + Value - b, Value);

    /// <summary>Returns −a mod q for a &lt; q.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Negate(ulong a) => a == 0 ? 0 : Value - a;

    /// <summary>Returns a·b mod q for a, b &lt; q (Barrett).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Mul(ulong a, ulong b)
    {
        ulong hi = Math.BigMul(a, b, out ulong lo);
        return Reduce128(hi, lo);
    }

    /// <summary>Returns the Shoup constant ⌊w·2^64/q⌋ of a multiplicand w &lt; q.</summary>
    public ulong ShoupOf(ulong w) => (ulong)(((UInt128)w << 64) / Value);

    /// <summary>Returns x·w mod q in [0, 2q) for any 64-bit x, given w &lt; q and its Shoup constant.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MulShoupLazy(ulong x, ulong w, ulong wShoup, ulong q) => x * w - UInt64Math.MulHigh(x, wShoup) * q;

    /// <summary>Returns x·w mod q in [0, q) for any 64-bit x, given w &lt; q and its Shoup constant.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MulShoup(ulong x, ulong w, ulong wShoup, ulong q)
    {
        ulong r = x * w - UInt64Math.MulHigh(x, wShoup) * q;
        return UInt64Math.ReduceOnce(r, q);
    }

    /// <summary>Returns a^e mod q.</summary>
    public ulong Pow(ulong a, ulong e)
    {
        ulong result = 1 % Value;
        ulong b = Reduce(a);
        while (e != 0)
        {
            if ((e & 1) != 0)
            {
                result = Mul(result, b);
            }

            b = Mul(b, b);
            e >>= 1;
        }

        return result;
    }

    /// <summary>Returns the inverse of a modulo q.</summary>
    /// <exception cref="ArgumentException">If a is not invertible modulo q.</exception>
    public ulong Inverse(ulong a)
    {
        long t = 0, newT = 1;
        ulong r = Value, newR = Reduce(a);
        while (newR != 0)
        {
            ulong quotient = r / newR;
            (t, newT) = (newT, t - (long)quotient * newT);
            (r, newR) = (newR, r - quotient * newR);
        }

        if (r != 1)
        {
            throw new ArgumentException($"Modulus.Inverse: {a} is not invertible modulo {Value}.", nameof(a));
        }

        return t < 0 ? (ulong)(t + (long)Value) : (ulong)t;
    }

    /// <summary>Reduces a signed 64-bit value modulo q into [0, q), in constant time (no branch on x: it is used on secrets and errors).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong FromSigned(long x)
    {
        ulong sign = (ulong)(x >> 63);             // all ones when x < 0
        ulong magnitude = ((ulong)x ^ sign) - sign; // |x| (2^63 for long.MinValue, still correct as an unsigned value)
        ulong r = Reduce(magnitude);
        ulong negated = UInt64Math.ReduceOnce(Value - r, Value); // −r mod q, 0 for r = 0
        return r ^ ((r ^ negated) & sign);
    }

    /// <inheritdoc />
    public bool Equals(Modulus? other) => other is not null && other.Value == Value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Modulus);

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => $"{Value} ({BitCount} bits)";
}

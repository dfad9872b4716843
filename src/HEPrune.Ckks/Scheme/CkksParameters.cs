using System.Buffers.Binary;
using System.Security.Cryptography;
using HEPrune.Ckks.Arithmetic;

namespace HEPrune.Ckks.Scheme;

/// <summary>A validated, immutable CKKS parameter set: ring degree, data prime chain Q, special primes P, dnum, default scale, secret distribution and security claim.</summary>
/// <remarks>
/// Create it with <see cref="Create"/> from a <see cref="CkksParametersLiteral"/>, or take a named preset from <see cref="Presets"/>.
/// Equality is by <see cref="Fingerprint"/> (SHA-256 of the canonical encoding), which every key, plaintext and ciphertext also carries.
/// </remarks>
public sealed class CkksParameters : IEquatable<CkksParameters>
{
    private readonly ulong[] _q;
    private readonly ulong[] _p;
    private readonly byte[] _fingerprint;

    private CkksParameters(int logN, ulong[] q, ulong[] p, int dnum, double logScale, SecretDistribution secret, int h, SecurityLevel security)
    {
        LogN = logN;
        _q = q;
        _p = p;
        Dnum = dnum;
        LogDefaultScale = logScale;
        Secret = secret;
        HammingWeight = h;
        Security = security;
        LogQ = q.Sum(x => Math.Log2(x));
        LogP = p.Sum(x => Math.Log2(x));
        _fingerprint = SHA256.HashData(CanonicalBytes());
    }

    /// <summary>log2 N.</summary>
    public int LogN { get; }

    /// <summary>Ring degree N.</summary>
    public int N => 1 << LogN;

    /// <summary>Number of complex slots (N/2).</summary>
    public int Slots => N / 2;

    /// <summary>The data primes q_0 … q_L.</summary>
    public IReadOnlyList<ulong> Q => _q;

    /// <summary>The special key-switching primes p_0 … p_{K−1}.</summary>
    public IReadOnlyList<ulong> P => _p;

    /// <summary>Highest level L (= number of data primes − 1); a fresh ciphertext has L rescales available.</summary>
    public int MaxLevel => _q.Length - 1;

    /// <summary>Number of hybrid key-switching digits.</summary>
    public int Dnum { get; }

    /// <summary>Number of data primes per key-switching digit (the last digit may hold fewer).</summary>
    public int Alpha => (_q.Length + Dnum - 1) / Dnum;

    /// <summary>log2 of the default scale Δ.</summary>
    public double LogDefaultScale { get; }

    /// <summary>The default scale Δ = 2^LogDefaultScale.</summary>
    public double DefaultScale => Math.Pow(2, LogDefaultScale);

    /// <summary>Secret distribution.</summary>
    public SecretDistribution Secret { get; }

    /// <summary>Hamming weight for sparse secrets (0 for uniform ternary).</summary>
    public int HammingWeight { get; }

    /// <summary>Security claim.</summary>
    public SecurityLevel Security { get; }

    /// <summary>True when these parameters carry no security claim (test-only).</summary>
    public bool IsTestOnlyInsecure => Security == SecurityLevel.TestOnlyInsecure;

    /// <summary>log2 Q (sum over data primes).</summary>
    public double LogQ { get; }

    /// <summary>log2 P (sum over special primes).</summary>
    public double LogP { get; }

    /// <summary>log2 QP, the quantity bounded by the security standard.</summary>
    public double LogQP => LogQ + LogP;

    /// <summary>SHA-256 of the canonical encoding (a copy).</summary>
    public byte[] Fingerprint => (byte[])_fingerprint.Clone();

    internal ReadOnlySpan<byte> FingerprintSpan => _fingerprint;

    /// <summary>Validates <paramref name="literal"/>, generates primes from bit sizes if needed, and returns the parameter set.</summary>
    /// <exception cref="InvalidParametersException">Naming the field, the value and the limit, for any invalid or insecure choice.</exception>
    public static CkksParameters Create(CkksParametersLiteral literal)
    {
        ArgumentNullException.ThrowIfNull(literal);
        bool test = literal.Security == SecurityLevel.TestOnlyInsecure;
        if (!Enum.IsDefined(literal.Security))
        {
            throw new InvalidParametersException($"CkksParameters: Security = {literal.Security} is not a known level.");
        }

        if (literal.LogN < 10 || literal.LogN > 16 || (literal.LogN < 12 && !test))
        {
            throw new InvalidParametersException(
                $"CkksParameters: LogN = {literal.LogN} is out of range; expected 12..16 (10..11 only with Security = TestOnlyInsecure).");
        }

        int n = 1 << literal.LogN;
        ulong[] q = ResolvePrimes("Q", literal.Q, literal.LogQ, n, true, []);
        ulong[] p = ResolvePrimes("P", literal.P, literal.LogP, n, false, q);
        if (q.Concat(p).Distinct().Count() != q.Length + p.Length)
        {
            throw new InvalidParametersException("CkksParameters: Q and P must be pairwise distinct primes.");
        }

        if (literal.Dnum < 1 || literal.Dnum > q.Length)
        {
            throw new InvalidParametersException($"CkksParameters: Dnum = {literal.Dnum} must be in [1, {q.Length}] (the number of data primes).");
        }

        if (!(literal.LogDefaultScale > 0) || literal.LogDefaultScale > 60)
        {
            throw new InvalidParametersException($"CkksParameters: LogDefaultScale = {literal.LogDefaultScale} must be in (0, 60].");
        }

        if (literal.LogDefaultScale >= Math.Log2(q[0]) && q.Length == 1)
        {
            throw new InvalidParametersException($"CkksParameters: LogDefaultScale = {literal.LogDefaultScale} leaves no room below q_0 (2^{Math.Log2(q[0]):F1}).");
        }

        int h = 0;
        if (literal.Secret == SecretDistribution.FixedHammingWeight)
        {
            h = literal.HammingWeight;
            if (h < 1 || h > n)
            {
                throw new InvalidParametersException($"CkksParameters: HammingWeight = {h} must be in [1, {n}].");
            }

            if (!test)
            {
                throw new InvalidParametersException(
                    "CkksParameters: the HE-standard table covers uniform ternary secrets only; a fixed-Hamming-weight secret needs its own estimate (use Security = TestOnlyInsecure).");
            }
        }
        else if (literal.Secret != SecretDistribution.UniformTernary)
        {
            throw new InvalidParametersException($"CkksParameters: Secret = {literal.Secret} is not a known distribution.");
        }

        int alpha = (q.Length + literal.Dnum - 1) / literal.Dnum;
        double logP = p.Sum(x => Math.Log2(x));
        for (int d = 0; d < literal.Dnum; d++)
        {
            double digitBits = q.Skip(d * alpha).Take(alpha).Sum(x => Math.Log2(x));
            if (logP < digitBits)
            {
                throw new InvalidParametersException(
                    $"CkksParameters: log2 P = {logP:F1} must be at least the size of the largest key-switching digit ({digitBits:F1} bits, digit {d}); add special primes or raise Dnum.");
            }
        }

        double logQP = q.Sum(x => Math.Log2(x)) + logP;
        if (!test && logQP > SecurityStandard.MaxLogQP128(literal.LogN))
        {
            throw new InvalidParametersException(
                $"CkksParameters: log2 QP = {logQP:F1} exceeds the 128-bit bound {SecurityStandard.MaxLogQP128(literal.LogN)} for N = 2^{literal.LogN} (HE standard, ternary secret); shrink the modulus or mark Security = TestOnlyInsecure.");
        }

        return new CkksParameters(literal.LogN, q, p, literal.Dnum, literal.LogDefaultScale, literal.Secret, h, literal.Security);
    }

    /// <summary>Returns the literal that recreates these parameters (explicit primes).</summary>
    public CkksParametersLiteral ToLiteral() => new()
    {
        LogN = LogN, Q = [.. _q], P = [.. _p], Dnum = Dnum, LogDefaultScale = LogDefaultScale, Secret = Secret,
        HammingWeight = HammingWeight, Security = Security,
    };

    /// <summary>Returns log2 of Q_l = q_0·…·q_l.</summary>
    public double LogQAtLevel(int level)
    {
        double s = 0;
        for (int i = 0; i <= level; i++)
        {
            s += Math.Log2(_q[i]);
        }

        return s;
    }

    /// <summary>The canonical byte encoding hashed into <see cref="Fingerprint"/> (also the parameter serialization payload).</summary>
    internal byte[] CanonicalBytes()
    {
        var bytes = new byte[4 + 4 + 8 * _q.Length + 4 + 8 * _p.Length + 4 + 8 + 1 + 4 + 1];
        var s = bytes.AsSpan();
        int o = 0;
        BinaryPrimitives.WriteInt32LittleEndian(s[o..], LogN); o += 4;
        BinaryPrimitives.WriteInt32LittleEndian(s[o..], _q.Length); o += 4;
        foreach (ulong v in _q)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(s[o..], v); o += 8;
        }

        BinaryPrimitives.WriteInt32LittleEndian(s[o..], _p.Length); o += 4;
        foreach (ulong v in _p)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(s[o..], v); o += 8;
        }

        BinaryPrimitives.WriteInt32LittleEndian(s[o..], Dnum); o += 4;
        BinaryPrimitives.WriteDoubleLittleEndian(s[o..], LogDefaultScale); o += 8;
        s[o++] = (byte)Secret;
        BinaryPrimitives.WriteInt32LittleEndian(s[o..], HammingWeight); o += 4;
        s[o] = (byte)Security;
        return bytes;
    }

    /// <inheritdoc />
    public bool Equals(CkksParameters? other) => other is not null && _fingerprint.AsSpan().SequenceEqual(other._fingerprint);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as CkksParameters);

    /// <inheritdoc />
    public override int GetHashCode() => BinaryPrimitives.ReadInt32LittleEndian(_fingerprint);

    /// <inheritdoc />
    public override string ToString()
        => $"CKKS N=2^{LogN}, L={MaxLevel}, log2 Q={LogQ:F1}, log2 P={LogP:F1} ({_p.Length} special primes), dnum={Dnum}, Δ=2^{LogDefaultScale}, " +
           $"secret={(Secret == SecretDistribution.UniformTernary ? "ternary" : $"h={HammingWeight}")}, " +
           (IsTestOnlyInsecure ? "INSECURE (test-only)" : $"128-bit (log2 QP {LogQP:F1} ≤ {SecurityStandard.MaxLogQP128(LogN)})");

    private static ulong[] ResolvePrimes(string name, ulong[]? explicitPrimes, int[]? bits, int n, bool isQ, ulong[] exclude)
    {
        if ((explicitPrimes is null) == (bits is null))
        {
            throw new InvalidParametersException($"CkksParameters: give exactly one of {name} (primes) and Log{name} (bit sizes).");
        }

        if (explicitPrimes is not null)
        {
            if (explicitPrimes.Length == 0)
            {
                throw new InvalidParametersException($"CkksParameters: {name} must hold at least one prime.");
            }

            for (int i = 0; i < explicitPrimes.Length; i++)
            {
                ulong v = explicitPrimes[i];
                if (v >> Modulus.MaxBits != 0 || !Primes.IsPrime(v) || v % (2UL * (ulong)n) != 1)
                {
                    throw new InvalidParametersException($"CkksParameters: {name}[{i}] = {v} is not a prime ≡ 1 (mod 2N = {2 * n}) below 2^{Modulus.MaxBits}.");
                }
            }

            return [.. explicitPrimes];
        }

        if (bits!.Length == 0)
        {
            throw new InvalidParametersException($"CkksParameters: Log{name} must hold at least one bit size.");
        }

        int min = System.Numerics.BitOperations.Log2(2u * (uint)n) + 2;
        for (int i = 0; i < bits.Length; i++)
        {
            if (bits[i] < min || bits[i] > Modulus.MaxBits)
            {
                throw new InvalidParametersException($"CkksParameters: Log{name}[{i}] = {bits[i]} must be in [{min}, {Modulus.MaxBits}] for N = {n}.");
            }
        }

        var result = new ulong[bits.Length];
        var used = new List<ulong>(exclude);
        int first = 0;
        if (isQ)
        {
            result[0] = Primes.GenerateNttPrimes(bits[0], 1, n)[0]; // base prime: the largest below 2^LogQ[0]
            used.Add(result[0]);
            first = 1;
        }

        // Primes of equal bit size are drawn in one sequence so that they never repeat (and, for scaling primes, alternate around 2^b).
        foreach (int b in bits.Skip(first).Distinct())
        {
            var slots = Enumerable.Range(first, bits.Length - first).Where(i => bits[i] == b).ToArray();
            ulong[] primes = Primes.GenerateNttPrimes(b, slots.Length, n, nearPowerOfTwo: isQ && b < Modulus.MaxBits, exclude: used);
            for (int k = 0; k < slots.Length; k++)
            {
                result[slots[k]] = primes[k];
                used.Add(primes[k]);
            }
        }

        return result;
    }
}

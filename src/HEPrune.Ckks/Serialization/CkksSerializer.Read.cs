using HEPrune.Ckks.Rings;
using HEPrune.Ckks.Scheme;

namespace HEPrune.Ckks.Serialization;

/// <content>Deserialization with validation.</content>
public static partial class CkksSerializer
{
    /// <summary>Reads a parameter set and checks its fingerprint.</summary>
    /// <exception cref="CkksFormatException">If the bytes are malformed or describe invalid parameters.</exception>
    public static CkksParameters DeserializeParameters(ReadOnlySpan<byte> data)
    {
        const string what = "Deserialize Parameters";
        WireHeader h = WireHeader.Read(data, ObjectKind.Parameters);
        var r = new PayloadReader(data[WireHeader.Size..], what);
        int logN = r.ReadInt32("LogN");
        int qc = r.ReadInt32("Q count");
        if (qc < 1 || qc > 256)
        {
            throw new CkksFormatException($"{what}: Q count {qc} out of range [1, 256].");
        }

        var q = new ulong[qc];
        for (int i = 0; i < qc; i++)
        {
            q[i] = r.ReadUInt64($"Q[{i}]");
        }

        int pc = r.ReadInt32("P count");
        if (pc < 1 || pc > 256)
        {
            throw new CkksFormatException($"{what}: P count {pc} out of range [1, 256].");
        }

        var p = new ulong[pc];
        for (int i = 0; i < pc; i++)
        {
            p[i] = r.ReadUInt64($"P[{i}]");
        }

        int dnum = r.ReadInt32("Dnum");
        double logScale = r.ReadDouble("LogDefaultScale");
        byte secret = r.ReadBytes(1, "Secret")[0];
        int h_ = r.ReadInt32("HammingWeight");
        byte security = r.ReadBytes(1, "Security")[0];
        r.EnsureEnd();
        CkksParameters parameters;
        try
        {
            parameters = CkksParameters.Create(new CkksParametersLiteral
            {
                LogN = logN, Q = q, P = p, Dnum = dnum, LogDefaultScale = logScale, Secret = (SecretDistribution)secret,
                HammingWeight = h_, Security = (SecurityLevel)security,
            });
        }
        catch (InvalidParametersException e)
        {
            throw new CkksFormatException($"{what}: invalid parameters: {e.Message}");
        }

        if (!parameters.FingerprintSpan.SequenceEqual(h.Fingerprint))
        {
            throw new CkksFormatException($"{what}: the header fingerprint does not match the parameters (corrupted bytes).");
        }

        return parameters;
    }

    /// <summary>Reads a ciphertext for <paramref name="context"/> (expanding c_1 from the seed for the seeded form).</summary>
    /// <exception cref="CkksFormatException">If the bytes are malformed, truncated, for other parameters, or out of range.</exception>
    public static Ciphertext DeserializeCiphertext(ReadOnlySpan<byte> data, CkksContext context)
    {
        const string what = "Deserialize Ciphertext";
        WireHeader h = CheckHeader(data, ObjectKind.Ciphertext, context);
        var r = new PayloadReader(data[WireHeader.Size..], what);
        int level = r.ReadInt32("level");
        int size = r.ReadInt32("size");
        double scale = r.ReadDouble("scale");
        CheckLevelScale(what, level, scale, context);
        bool seeded = (h.Flags & WireHeader.FlagSeeded) != 0;
        if (size != 2 && (seeded || size != 3))
        {
            throw new CkksFormatException($"{what}: size {size} is invalid (expected 2{(seeded ? " for a seeded ciphertext" : " or 3")}).");
        }

        var ct = new Ciphertext(context.Parameters, level);
        ct.Resize(level, size);
        byte[]? seed = seeded ? r.ReadBytes(Randomness.CsPrng.SeedSize, "seed").ToArray() : null;
        for (int k = 0; k < (seeded ? 1 : size); k++)
        {
            ReadPoly(ref r, context, ct.Poly(k), level + 1, i => i, $"c{k}");
        }

        r.EnsureEnd();
        if (seed is not null)
        {
            Encryptor.ExpandSeed(context, seed, ct.Poly(1), level + 1);
            ct.Seed = seed;
        }

        ct.Scale = scale;
        return ct;
    }

    /// <summary>Reads a plaintext for <paramref name="context"/>.</summary>
    /// <exception cref="CkksFormatException">If the bytes are malformed, truncated, for other parameters, or out of range.</exception>
    public static Plaintext DeserializePlaintext(ReadOnlySpan<byte> data, CkksContext context)
    {
        const string what = "Deserialize Plaintext";
        CheckHeader(data, ObjectKind.Plaintext, context);
        var r = new PayloadReader(data[WireHeader.Size..], what);
        int level = r.ReadInt32("level");
        double scale = r.ReadDouble("scale");
        CheckLevelScale(what, level, scale, context);
        var pt = new Plaintext(context.Parameters, level, scale);
        ReadPoly(ref r, context, pt.Poly, level + 1, i => i, "m");
        r.EnsureEnd();
        return pt;
    }

    /// <summary>Reads a public key for <paramref name="context"/>.</summary>
    /// <exception cref="CkksFormatException">If the bytes are malformed, truncated, for other parameters, or out of range.</exception>
    public static PublicKey DeserializePublicKey(ReadOnlySpan<byte> data, CkksContext context)
    {
        CheckHeader(data, ObjectKind.PublicKey, context);
        var r = new PayloadReader(data[WireHeader.Size..], "Deserialize PublicKey");
        int lq = context.Parameters.Q.Count;
        var b = new RnsPoly(context.N, lq);
        var a = new RnsPoly(context.N, lq);
        ReadPoly(ref r, context, b, lq, i => i, "b");
        ReadPoly(ref r, context, a, lq, i => i, "a");
        r.EnsureEnd();
        return new PublicKey(context.Parameters, b, a);
    }

    /// <summary>Reads a secret key for <paramref name="context"/>.</summary>
    /// <exception cref="CkksFormatException">If the bytes are malformed, truncated, for other parameters, or out of range.</exception>
    public static SecretKey DeserializeSecretKey(ReadOnlySpan<byte> data, CkksContext context)
    {
        CheckHeader(data, ObjectKind.SecretKey, context);
        var r = new PayloadReader(data[WireHeader.Size..], "Deserialize SecretKey");
        int limbs = QpLimbs(context.Parameters);
        var s = new RnsPoly(context.N, limbs);
        ReadPoly(ref r, context, s, limbs, i => i, "s");
        r.EnsureEnd();
        return new SecretKey(context.Parameters, s);
    }

    /// <summary>Reads a relinearization key for <paramref name="context"/>.</summary>
    /// <exception cref="CkksFormatException">If the bytes are malformed, truncated, for other parameters, or out of range.</exception>
    public static RelinearizationKey DeserializeRelinearizationKey(ReadOnlySpan<byte> data, CkksContext context)
    {
        WireHeader h = CheckHeader(data, ObjectKind.RelinearizationKey, context);
        var r = new PayloadReader(data[WireHeader.Size..], "Deserialize RelinearizationKey");
        SwitchingKey k = ReadSwitchingKey(ref r, context, "Deserialize RelinearizationKey", h.FormatVersion);
        if (k.GaloisElement != 0)
        {
            throw new CkksFormatException($"Deserialize RelinearizationKey: Galois element {k.GaloisElement} (expected 0 for a relinearization key).");
        }

        r.EnsureEnd();
        return new RelinearizationKey(k);
    }

    /// <summary>Reads a set of Galois keys for <paramref name="context"/>.</summary>
    /// <exception cref="CkksFormatException">If the bytes are malformed, truncated, for other parameters, or out of range.</exception>
    public static GaloisKeys DeserializeGaloisKeys(ReadOnlySpan<byte> data, CkksContext context)
    {
        const string what = "Deserialize GaloisKeys";
        WireHeader h = CheckHeader(data, ObjectKind.GaloisKeys, context);
        var r = new PayloadReader(data[WireHeader.Size..], what);
        int count = r.ReadInt32("count");
        if (count < 0 || (long)count * MinSwitchingKeySize(context.Parameters) > r.Remaining)
        {
            throw new CkksFormatException($"{what}: key count {count} does not match the payload length.");
        }

        var keys = new Dictionary<ulong, SwitchingKey>();
        for (int i = 0; i < count; i++)
        {
            SwitchingKey k = ReadSwitchingKey(ref r, context, what, h.FormatVersion);
            if ((k.GaloisElement & 1) == 0 || k.GaloisElement <= 1 || k.GaloisElement >= 2UL * (ulong)context.N || !keys.TryAdd(k.GaloisElement, k))
            {
                throw new CkksFormatException($"{what}: key {i} has an invalid or repeated Galois element {k.GaloisElement}.");
            }
        }

        r.EnsureEnd();
        return new GaloisKeys(context.Parameters, keys);
    }

    private static SwitchingKey ReadSwitchingKey(ref PayloadReader r, CkksContext context, string what, ushort version)
    {
        ulong g = r.ReadUInt64("Galois element");
        int maxLevel = version >= 2 ? r.ReadInt32("max level") : context.MaxLevel; // version 1: always the whole chain
        if (maxLevel < 0 || maxLevel > context.MaxLevel)
        {
            throw new CkksFormatException($"{what}: key max level {maxLevel} out of range [0, {context.MaxLevel}].");
        }

        int digits = r.ReadInt32("digit count");
        int expected = context.DigitCount(maxLevel);
        if (digits != expected)
        {
            throw new CkksFormatException($"{what}: {digits} digits, expected {expected} for a key of max level {maxLevel} (dnum = {context.Parameters.Dnum}, α = {context.Parameters.Alpha}).");
        }

        int lq = context.QModuli.Length, limbs = maxLevel + 1 + context.PModuli.Length;
        if (2L * digits * limbs * context.N * 8 > r.Remaining)
        {
            throw new CkksFormatException($"{what}: a key of max level {maxLevel} needs {2L * digits * limbs * context.N * 8} bytes but {r.Remaining} remain (truncated input).");
        }

        Func<int, int> map = i => i <= maxLevel ? i : lq + (i - maxLevel - 1);
        var b = new RnsPoly[digits];
        var a = new RnsPoly[digits];
        for (int d = 0; d < digits; d++)
        {
            b[d] = new RnsPoly(context.N, limbs);
            a[d] = new RnsPoly(context.N, limbs);
            ReadPoly(ref r, context, b[d], limbs, map, $"b[{d}]");
            ReadPoly(ref r, context, a[d], limbs, map, $"a[{d}]");
        }

        return new SwitchingKey(context.Parameters, g, b, a, maxLevel);
    }

    private static WireHeader CheckHeader(ReadOnlySpan<byte> data, ObjectKind kind, CkksContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        WireHeader h = WireHeader.Read(data, kind);
        if (!context.Parameters.FingerprintSpan.SequenceEqual(h.Fingerprint))
        {
            throw new CkksFormatException(
                $"Deserialize {kind}: the object was serialized for other parameters (fingerprint {Convert.ToHexString(h.Fingerprint)[..16]}…, expected {Convert.ToHexString(context.Parameters.FingerprintSpan)[..16]}…).");
        }

        bool insecure = (h.Flags & WireHeader.FlagInsecure) != 0;
        if (insecure != context.Parameters.IsTestOnlyInsecure)
        {
            throw new CkksFormatException($"Deserialize {kind}: the insecure flag ({insecure}) contradicts the parameters.");
        }

        if ((h.Flags & WireHeader.FlagSeeded) != 0 && kind != ObjectKind.Ciphertext)
        {
            throw new CkksFormatException($"Deserialize {kind}: the seeded flag is only valid for ciphertexts.");
        }

        return h;
    }

    private static void CheckLevelScale(string what, int level, double scale, CkksContext context)
    {
        if (level < 0 || level > context.MaxLevel)
        {
            throw new CkksFormatException($"{what}: level {level} out of range [0, {context.MaxLevel}].");
        }

        if (!(scale > 0) || !double.IsFinite(scale))
        {
            throw new CkksFormatException($"{what}: scale {scale} is not a positive finite number.");
        }
    }
}

using System.Numerics;
using HEPrune.Ckks.Scheme;

namespace HEPrune.Ckks.Tests.Scheme;

/// <summary>Keys and helpers for one parameter set, built once per test class (key generation is the slow part).</summary>
public sealed class CkksTestContext
{
    public CkksTestContext(CkksParameters parameters, int[] steps)
    {
        Context = new CkksContext(parameters);
        KeyGen = new KeyGenerator(Context);
        PublicKey = KeyGen.CreatePublicKey();
        Relin = KeyGen.CreateRelinearizationKey();
        Galois = KeyGen.CreateGaloisKeys(steps, includeConjugation: true);
        Encoder = new CkksEncoder(Context);
        Encryptor = new Encryptor(Context, PublicKey);
        SkEncryptor = new Encryptor(Context, KeyGen.SecretKey);
        Decryptor = new Decryptor(Context, KeyGen.SecretKey);
        Evaluator = new Evaluator(Context, new EvaluationKeys(Relin, Galois));
    }

    public CkksContext Context { get; }
    public KeyGenerator KeyGen { get; }
    public PublicKey PublicKey { get; }
    public RelinearizationKey Relin { get; }
    public GaloisKeys Galois { get; }
    public CkksEncoder Encoder { get; }
    public Encryptor Encryptor { get; }
    public Encryptor SkEncryptor { get; }
    public Decryptor Decryptor { get; }
    public Evaluator Evaluator { get; }
    public CkksParameters Parameters => Context.Parameters;
    public int Slots => Parameters.Slots;

    public Complex[] RandomVector(int seed, double magnitude = 1.0)
    {
        var rng = new Random(seed);
        var v = new Complex[Slots];
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = new Complex((2 * rng.NextDouble() - 1) * magnitude, (2 * rng.NextDouble() - 1) * magnitude);
        }

        return v;
    }

    public Ciphertext Encrypt(Complex[] v, int? level = null) =>
        Encryptor.Encrypt(Encoder.Encode(v, level ?? Parameters.MaxLevel, Parameters.DefaultScale));

    public Complex[] Decrypt(Ciphertext ct) => Encoder.Decode(Decryptor.Decrypt(ct));

    /// <summary>−log2 of the largest absolute error over all slots (bits of precision).</summary>
    public static double PrecisionBits(Complex[] expected, Complex[] actual)
    {
        double max = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            max = Math.Max(max, Complex.Abs(expected[i] - actual[i]));
        }

        return -Math.Log2(max);
    }

    public static void AssertPrecision(Complex[] expected, Complex[] actual, double minBits)
    {
        double bits = PrecisionBits(expected, actual);
        Assert.True(bits >= minBits, $"precision {bits:F2} bits < required {minBits} bits");
    }
}

/// <summary>Shared N=2^10 test context (insecure, test-only parameters) with rotation keys for 1, −1, 2, 4, 8, 5 and −3.</summary>
public sealed class N10Fixture
{
    public static readonly int[] Steps = [1, -1, 2, 4, 8, 16, 32, 64, 128, 256, 5, -3];

    public CkksTestContext Ctx { get; } = new(Presets.InsecureTestN10, Steps);
}

using System.Numerics;
using HEPrune.Ckks.Bootstrapping;
using HEPrune.Ckks.Scheme;

namespace HEPrune.Ckks.Tests.Bootstrapping;

/// <summary>Shared N=2^10 bootstrapping context (insecure test preset): keys and precomputation are built once per test class.</summary>
public sealed class BootstrappingFixture
{
    public BootstrappingFixture()
    {
        Config = BootstrappingPresets.InsecureTestN10;
        Context = new CkksContext(CkksParameters.Create(Config.Scheme));
        KeyGen = new KeyGenerator(Context);
        Encoder = new CkksEncoder(Context);
        Encryptor = new Encryptor(Context, KeyGen.CreatePublicKey());
        Decryptor = new Decryptor(Context, KeyGen.SecretKey);
        Bootstrapper = new Bootstrapper(Context, Config);
        Keys = BootstrappingKeyGenerator.Create(KeyGen, Bootstrapper);
        Evaluator = new Evaluator(Context, new EvaluationKeys(Keys.Relinearization, Keys.Galois));
    }

    public BootstrappingParameters Config { get; }
    public CkksContext Context { get; }
    public KeyGenerator KeyGen { get; }
    public CkksEncoder Encoder { get; }
    public Encryptor Encryptor { get; }
    public Decryptor Decryptor { get; }
    public Bootstrapper Bootstrapper { get; }
    public BootstrappingKeys Keys { get; }
    public Evaluator Evaluator { get; }
    public CkksParameters Parameters => Context.Parameters;

    public Complex[] Uniform(int seed, bool complex = true)
    {
        var rng = new Random(seed);
        var v = new Complex[Parameters.Slots];
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = new Complex(2 * rng.NextDouble() - 1, complex ? 2 * rng.NextDouble() - 1 : 0);
        }

        return v;
    }

    public Ciphertext Encrypt(Complex[] v, int level) => Encryptor.Encrypt(Encoder.Encode(v, level, Parameters.DefaultScale));

    public Complex[] Decrypt(Ciphertext ct) => Encoder.Decode(Decryptor.Decrypt(ct));

    /// <summary>−log2 of the largest slot error.</summary>
    public static double Bits(Complex[] expected, Complex[] actual)
    {
        double max = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            max = Math.Max(max, Complex.Abs(expected[i] - actual[i]));
        }

        return -Math.Log2(max);
    }
}

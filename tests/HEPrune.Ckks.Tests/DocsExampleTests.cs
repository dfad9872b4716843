using HEPrune.Ckks.Scheme;

namespace HEPrune.Ckks.Tests;

/// <summary>Runs the example of docs/ckks.md verbatim (between the markers) so the documentation cannot rot.</summary>
public class DocsExampleTests
{
    [Fact]
    public void ReadmeExampleEncryptsMultipliesRotatesAndDecrypts()
    {
        // --- docs/ckks.md example begin
        var context = new CkksContext(Presets.N14);                     // 128-bit, N = 2^14, 8192 slots, 7 levels
        var keygen = new KeyGenerator(context);                          // fresh secret key (client side)
        var evalKeys = new EvaluationKeys(keygen.CreateRelinearizationKey(), keygen.CreateGaloisKeys([1]));
        var encoder = new CkksEncoder(context);
        var encryptor = new Encryptor(context, keygen.CreatePublicKey());
        var decryptor = new Decryptor(context, keygen.SecretKey);
        var evaluator = new Evaluator(context, evalKeys);                // server side: public keys only

        double[] x = [1.0, 2.0, 3.0, 4.0];
        Plaintext pt = encoder.Encode(x, context.MaxLevel, context.Parameters.DefaultScale);
        Ciphertext ct = encryptor.Encrypt(pt);
        Ciphertext sq = evaluator.MultiplyRelinRescaleNew(ct, ct);      // x², one level consumed
        Ciphertext rot = evaluator.RotateNew(sq, 1);                     // slot j ← slot j+1
        double[] result = encoder.DecodeReal(decryptor.Decrypt(rot));    // ≈ [4, 9, 16, 0, …, 0, 1]
        // --- docs/ckks.md example end

        Assert.Equal(context.MaxLevel - 1, rot.Level);
        double[] expected = [4, 9, 16, 0];
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], result[i], 4);
        }

        Assert.Equal(1, result[^1], 4);
    }
}

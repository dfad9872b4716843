using System.Numerics;
using HEPrune.Ckks.Scheme;
using HEPrune.Ckks.Serialization;

namespace HEPrune.Ckks.Tests.Scheme;

[Trait("Category", "Slow")]
public class PaperN16SlowTests
{
    [Fact]
    public void PaperN16MultiplyRotateConjugateAndSerialize()
    {
        var t = new CkksTestContext(Presets.PaperN16, [1, -7]);
        Assert.False(t.Parameters.IsTestOnlyInsecure);
        Complex[] x = t.RandomVector(1), y = t.RandomVector(2);
        Ciphertext a = t.Encrypt(x), b = t.Encrypt(y);
        Ciphertext c = t.Evaluator.MultiplyRelinRescaleNew(a, b);
        Assert.Equal(11, c.Level);
        Complex[] prod = x.Zip(y, (p, q) => p * q).ToArray();
        CkksTestContext.AssertPrecision(prod, t.Decrypt(c), 20);

        Ciphertext[] rots = t.Evaluator.RotateHoistedNew(c, [1, -7]);
        CkksTestContext.AssertPrecision(EvaluatorTests.Rotated(prod, 1), t.Decrypt(rots[0]), 19);
        CkksTestContext.AssertPrecision(EvaluatorTests.Rotated(prod, -7), t.Decrypt(rots[1]), 19);
        var conj = new Ciphertext(t.Parameters);
        t.Evaluator.Conjugate(c, conj);
        CkksTestContext.AssertPrecision(prod.Select(Complex.Conjugate).ToArray(), t.Decrypt(conj), 19);

        byte[] bytes = CkksSerializer.Serialize(c);
        Assert.Equal(48 + 16 + 2L * 12 * 65536 * 8, bytes.Length); // 12 MiB at level 11, plus the header
        CkksTestContext.AssertPrecision(prod, t.Decrypt(CkksSerializer.DeserializeCiphertext(bytes, t.Context)), 20);
    }
}

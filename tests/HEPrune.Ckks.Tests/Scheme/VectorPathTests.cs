using HEPrune.Ckks.Arithmetic;
using HEPrune.Ckks.Scheme;

namespace HEPrune.Ckks.Tests.Scheme;

[Collection("NttSwitch")]
public class VectorPathTests : IClassFixture<N10Fixture>
{
    private readonly CkksTestContext _t;

    public VectorPathTests(N10Fixture f) => _t = f.Ctx;

    [Fact]
    public void EvaluatorGivesBitIdenticalResultsOnVectorAndScalarPaths()
    {
        Ciphertext a = _t.Encrypt(_t.RandomVector(1)), b = _t.Encrypt(_t.RandomVector(2));
        Ciphertext Run()
        {
            Ciphertext c = _t.Evaluator.MultiplyRelinRescaleNew(a, b);
            _t.Evaluator.Rotate(c, 5, c);
            _t.Evaluator.Add(c, c, c);
            _t.Evaluator.Sub(c, _t.Evaluator.RotateNew(c, -1), c);
            return c;
        }

        Ciphertext vector = Run();
        Ntt.UseVectorPaths = false;
        Ciphertext scalar;
        try
        {
            scalar = Run();
        }
        finally
        {
            Ntt.UseVectorPaths = true;
        }

        Assert.True(vector.Poly(0).Data.SequenceEqual(scalar.Poly(0).Data));
        Assert.True(vector.Poly(1).Data.SequenceEqual(scalar.Poly(1).Data));
    }
}

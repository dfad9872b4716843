using HEPrune.Ckks.Arithmetic;
using HEPrune.Ckks.Scheme;

namespace HEPrune.Ckks.Tests.Scheme;

public class CkksParametersTests
{
    [Theory]
    [InlineData(10, 27)]
    [InlineData(11, 54)]
    [InlineData(12, 109)]
    [InlineData(13, 218)]
    [InlineData(14, 438)]
    [InlineData(15, 881)]
    [InlineData(16, 1772)]
    public void SecurityTableMatchesTheHeStandard(int logN, int maxBits) => Assert.Equal(maxBits, SecurityStandard.MaxLogQP128(logN));

    [Fact]
    public void InsecureParametersAreRefusedUnlessMarkedTestOnly()
    {
        var literal = new CkksParametersLiteral { LogN = 13, LogQ = [60, 40, 40, 40, 40], LogP = [60, 60], Dnum = 3, LogDefaultScale = 40 };
        var ex = Assert.Throws<InvalidParametersException>(() => CkksParameters.Create(literal));
        Assert.Contains("exceeds the 128-bit bound 218", ex.Message);
        CkksParameters p = CkksParameters.Create(literal with { Security = SecurityLevel.TestOnlyInsecure });
        Assert.True(p.IsTestOnlyInsecure);
        Assert.Contains("INSECURE", p.ToString());
    }

    [Fact]
    public void SmallRingsNeedTheTestOnlyMark()
    {
        var literal = new CkksParametersLiteral { LogN = 10, LogQ = [20], LogP = [20], LogDefaultScale = 10 };
        Assert.Contains("LogN = 10", Assert.Throws<InvalidParametersException>(() => CkksParameters.Create(literal)).Message);
        Assert.Throws<InvalidParametersException>(() => CkksParameters.Create(literal with { LogN = 17, Security = SecurityLevel.TestOnlyInsecure }));
    }

    [Fact]
    public void SparseSecretsCarryNoStandardClaim()
    {
        var literal = Presets.N13Literal with { Secret = SecretDistribution.FixedHammingWeight, HammingWeight = 64 };
        Assert.Throws<InvalidParametersException>(() => CkksParameters.Create(literal));
        Assert.Equal(64, CkksParameters.Create(literal with { Security = SecurityLevel.TestOnlyInsecure }).HammingWeight);
    }

    [Fact]
    public void InvalidFieldsAreNamed()
    {
        var ok = Presets.N13Literal;
        Assert.Contains("Dnum", Assert.Throws<InvalidParametersException>(() => CkksParameters.Create(ok with { Dnum = 9 })).Message);
        Assert.Contains("log2 P", Assert.Throws<InvalidParametersException>(() => CkksParameters.Create(ok with { Dnum = 1 })).Message);
        Assert.Contains("Q[0]", Assert.Throws<InvalidParametersException>(() => CkksParameters.Create(ok with { LogQ = null, Q = [12289] })).Message);
        Assert.Contains("exactly one", Assert.Throws<InvalidParametersException>(() => CkksParameters.Create(ok with { Q = [12289] })).Message);
    }

    [Fact]
    public void SecurePresetsAreWithinTheStandardAndWellFormed()
    {
        foreach (CkksParametersLiteral lit in new[] { Presets.N13Literal, Presets.N14Literal, Presets.N15Literal, Presets.PaperN16Literal })
        {
            CkksParameters p = CkksParameters.Create(lit);
            Assert.False(p.IsTestOnlyInsecure);
            Assert.True(p.LogQP <= SecurityStandard.MaxLogQP128(p.LogN));
            Assert.Equal(p.Q.Count + p.P.Count, p.Q.Concat(p.P).Distinct().Count());
            Assert.All(p.Q.Concat(p.P), q => Assert.True(Primes.IsPrime(q) && q % (2UL * (ulong)p.N) == 1));
        }
    }

    [Fact]
    public void PaperN16HasThePaperShape()
    {
        CkksParameters p = Presets.PaperN16;
        Assert.Equal(1 << 16, p.N);
        Assert.Equal(1 << 15, p.Slots);
        Assert.Equal(12, p.MaxLevel);
        Assert.Equal(42, p.LogDefaultScale);
        Assert.True(p.LogQP <= 1555);
        Assert.All(p.Q.Skip(1), q => Assert.InRange(Math.Log2(q), 41.99, 42.01));
        Assert.True(Math.Log2(p.Q[0]) > 50);
    }

    [Fact]
    public void FingerprintIdentifiesTheParameterSet()
    {
        Assert.Equal(CkksParameters.Create(Presets.N13Literal), Presets.N13);
        Assert.NotEqual(Presets.N13, Presets.N14);
        Assert.NotEqual(Presets.N13.Fingerprint, CkksParameters.Create(Presets.N13Literal with { LogDefaultScale = 39 }).Fingerprint);
    }
}

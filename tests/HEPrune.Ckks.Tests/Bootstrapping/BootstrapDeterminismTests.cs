using HEPrune.Ckks.Bootstrapping;
using HEPrune.Ckks.Rings;
using HEPrune.Ckks.Scheme;

namespace HEPrune.Ckks.Tests.Bootstrapping;

/// <summary>The bootstrap's residues do not depend on the thread count or the SIMD path (in the collection that toggles the global vector switch).</summary>
[Collection("NttSwitch")]
public sealed class BootstrapDeterminismTests(BootstrappingFixture f) : IClassFixture<BootstrappingFixture>
{
    [Fact]
    public void BootstrapIsBitIdenticalWithOneAndTwoThreadsAndOnTheScalarPath()
    {
        // Every limb-parallel loop (key switching, linear-transform accumulation, constants, additions) must give the same residues whatever
        // the thread count, and the vector kernels (wide-prime key inner product, NTTs, conversions) the same as the scalar reference.
        Ciphertext ct = f.Encrypt(f.Uniform(13), 0);
        int saved = Parallelism.MaxDegree;
        Ciphertext one, two, scalar;
        try
        {
            Parallelism.MaxDegree = 1;
            one = f.Bootstrapper.Bootstrap(ct, f.Keys);
            Parallelism.MaxDegree = 2;
            two = f.Bootstrapper.Bootstrap(ct, f.Keys);
            HEPrune.Ckks.Arithmetic.Ntt.UseVectorPaths = false;
            scalar = f.Bootstrapper.Bootstrap(ct, f.Keys);
        }
        finally
        {
            HEPrune.Ckks.Arithmetic.Ntt.UseVectorPaths = true;
            Parallelism.MaxDegree = saved;
        }

        foreach (Ciphertext other in new[] { two, scalar })
        {
            Assert.Equal(one.Level, other.Level);
            Assert.True(one.Poly(0).Data.SequenceEqual(other.Poly(0).Data));
            Assert.True(one.Poly(1).Data.SequenceEqual(other.Poly(1).Data));
        }
    }
}

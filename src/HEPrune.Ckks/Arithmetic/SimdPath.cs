namespace HEPrune.Ckks.Arithmetic;

/// <summary>Selects which implementation of a vectorised kernel runs: the scalar reference, the AVX2 (Vector256) or the AVX-512 (Vector512) path.</summary>
/// <remarks>Every path computes bit-identical results; tests call the kernels with an explicit path so all of them run on an AVX-512 machine.</remarks>
internal enum SimdPath
{
    /// <summary>Portable scalar code (the reference).</summary>
    Scalar = 0,

    /// <summary>Four 64-bit lanes with AVX2 (<c>Avx2.IsSupported</c>).</summary>
    Vector256 = 1,

    /// <summary>Eight 64-bit lanes with AVX-512 F+DQ.</summary>
    Vector512 = 2,
}

/// <summary>Finds the fastest <see cref="SimdPath"/> this machine supports and the one the library currently uses.</summary>
internal static class Simd
{
    /// <summary>The widest path the hardware (and the runtime's <c>DOTNET_Enable…</c> settings) supports.</summary>
    public static SimdPath Best { get; } = VectorMath.IsSupported ? SimdPath.Vector512 : VectorMath256.IsSupported ? SimdPath.Vector256 : SimdPath.Scalar;

    /// <summary>The path kernels use when no path is given: <see cref="Best"/>, or scalar when <see cref="Ntt.UseVectorPaths"/> is off.</summary>
    public static SimdPath Active => Ntt.UseVectorPaths ? Best : SimdPath.Scalar;

    /// <summary>Whether <paramref name="path"/> can run on this machine.</summary>
    public static bool IsSupported(SimdPath path) => path switch
    {
        SimdPath.Scalar => true,
        SimdPath.Vector256 => VectorMath256.IsSupported,
        SimdPath.Vector512 => VectorMath.IsSupported,
        _ => false,
    };

    /// <summary>Throws if <paramref name="path"/> cannot run here (explicit path selectors are checked once per call, not per element).</summary>
    /// <exception cref="PlatformNotSupportedException">If the instruction set is missing or disabled.</exception>
    public static void Require(SimdPath path)
    {
        if (!IsSupported(path))
        {
            throw new PlatformNotSupportedException($"SIMD path {path} is not supported on this machine (or disabled by DOTNET_Enable* settings).");
        }
    }
}

using HEPrune.Ckks.Arithmetic;

namespace HEPrune.Ckks.Rings;

/// <summary>Fast (approximate) RNS basis conversion from a source basis S = {s_i} to a target basis T = {t_k}.</summary>
/// <remarks>
/// For x given by residues x_i mod s_i it computes Σ_i [x_i·(S/s_i)^−1]_{s_i}·(S/s_i) mod t_k, which equals x + u·S for an integer
/// 0 ≤ u &lt; |S| (Halevi–Polyakov–Shoup / Bajard et al.). Used for key-switching mod-up and mod-down, where the u·S term is harmless.
/// Immutable and thread-safe.
/// </remarks>
public sealed class BasisConverter
{
    private readonly ulong[] _sHatInv;
    private readonly ulong[] _sHatInvShoup;
    private readonly ulong[] _sHatModT; // [k * a + i] = (S/s_i) mod t_k
    private readonly ulong[] _sModT;    // S mod t_k
    private readonly double[] _sInv;    // 1 / s_i
    private readonly ulong[] _sHatModTHi; // _sHatModT >> 32 (the vector kernels' high halves)
    private readonly ulong[] _negSModT;  // t_k − (S mod t_k): the coefficient of the centring quotient u
    private readonly ConversionTarget[] _targets;

    /// <summary>Precomputes the conversion constants.</summary>
    /// <exception cref="ArgumentException">If the source basis is empty or has more than 32 primes.</exception>
    public BasisConverter(IReadOnlyList<Modulus> source, IReadOnlyList<Modulus> target)
    {
        if (source.Count == 0 || source.Count > 32)
        {
            throw new ArgumentException($"BasisConverter: source basis must have 1..32 primes, got {source.Count}.", nameof(source));
        }

        Source = [.. source];
        Target = [.. target];
        int a = source.Count;
        _sHatInv = new ulong[a];
        _sHatInvShoup = new ulong[a];
        for (int i = 0; i < a; i++)
        {
            ulong prod = 1;
            for (int j = 0; j < a; j++)
            {
                if (j != i)
                {
                    prod = source[i].Mul(prod, source[i].Reduce(source[j].Value));
                }
            }

            _sHatInv[i] = source[i].Inverse(prod);
            _sHatInvShoup[i] = source[i].ShoupOf(_sHatInv[i]);
        }

        _sHatModT = new ulong[target.Count * a];
        for (int k = 0; k < target.Count; k++)
        {
            for (int i = 0; i < a; i++)
            {
                ulong prod = 1;
                for (int j = 0; j < a; j++)
                {
                    if (j != i)
                    {
                        prod = target[k].Mul(prod, target[k].Reduce(source[j].Value));
                    }
                }

                _sHatModT[k * a + i] = prod;
            }
        }

        _sModT = new ulong[target.Count];
        for (int k = 0; k < target.Count; k++)
        {
            ulong prod = 1;
            for (int j = 0; j < a; j++)
            {
                prod = target[k].Mul(prod, target[k].Reduce(source[j].Value));
            }

            _sModT[k] = prod;
        }

        _sInv = [.. source.Select(m => 1.0 / m.Value)];
        _sHatModTHi = [.. _sHatModT.Select(v => v >> 32)];
        _negSModT = new ulong[target.Count];
        _targets = new ConversionTarget[target.Count];
        for (int k = 0; k < target.Count; k++)
        {
            _negSModT[k] = target[k].Value - _sModT[k];
            _targets[k] = new ConversionTarget(target[k]);
        }
    }

    /// <summary>Coefficients per block of the blocked conversion (the block's y values, ≤ 32 limbs × 512 words, stay in L1/L2).</summary>
    internal const int BlockSize = 512;

    /// <summary>Source primes.</summary>
    public Modulus[] Source { get; }

    /// <summary>Target primes.</summary>
    public Modulus[] Target { get; }

    /// <summary>
    /// Converts coefficient-form residues <paramref name="source"/> (|S| limbs of length n) into <paramref name="destination"/>
    /// (|T| limbs of length n). Uses a pooled scratch buffer; no other allocation.
    /// </summary>
    /// <exception cref="ArgumentException">If a span is too short.</exception>
    public void Convert(ReadOnlySpan<ulong> source, Span<ulong> destination, int n) => Convert(source, destination, n, Simd.Active);

    /// <summary>Same as <see cref="Convert(ReadOnlySpan{ulong}, Span{ulong}, int)"/> on an explicit SIMD path (all paths give identical results).</summary>
    /// <exception cref="ArgumentException">If a span is too short.</exception>
    internal unsafe void Convert(ReadOnlySpan<ulong> source, Span<ulong> destination, int n, SimdPath path)
    {
        int a = Source.Length, b = Target.Length;
        if (source.Length < a * n || destination.Length < b * n)
        {
            throw new ArgumentException($"BasisConverter.Convert: need {a}×{n} source and {b}×{n} destination values.");
        }

        Simd.Require(path);
        fixed (ulong* src = source, dst = destination)
        {
            for (int j0 = 0; j0 < n; j0 += BlockSize)
            {
                ConvertBlock(src, dst, n, j0, Math.Min(BlockSize, n - j0), b, b, 0, centred: false, path);
            }
        }
    }

    /// <summary>
    /// Converts the centred representative of x (in [−S/2, S/2)) given by coefficient-form residues (|S| limbs of length n at
    /// <paramref name="sourceOffset"/>) to target limbs 0 ≤ k &lt; <paramref name="targetCount"/>, written to limb k (k &lt; <paramref name="gapStart"/>)
    /// or k + <paramref name="gapWidth"/> of <paramref name="destination"/> at <paramref name="destinationOffset"/>. Works in blocks of
    /// <see cref="BlockSize"/> coefficients, in parallel across blocks (<see cref="Parallelism"/>); results do not depend on the thread count or the path.
    /// The centring quotient u = round(Σ_i y_i/s_i) is computed in double precision: within ~2^−45·|S| of ±S/2 it may round the other way,
    /// which moves that one value by ±S (still ≡ x mod S, harmless for key switching).
    /// </summary>
    /// <exception cref="ArgumentException">If the arrays are too short or the target range is invalid.</exception>
    internal void ConvertCentered(
        ulong[] source, int sourceOffset, ulong[] destination, int destinationOffset, int n, int targetCount, int gapStart, int gapWidth, SimdPath path)
    {
        int a = Source.Length;
        if (targetCount < 0 || targetCount > Target.Length || gapStart < 0 || gapWidth < 0)
        {
            throw new ArgumentException($"BasisConverter.ConvertCentered: target count {targetCount} (of {Target.Length}), gap {gapStart}+{gapWidth} invalid.");
        }

        int lastLimb = targetCount == 0 ? -1 : (targetCount - 1 < gapStart ? targetCount - 1 : targetCount - 1 + gapWidth);
        if ((long)sourceOffset + (long)a * n > source.Length || (long)destinationOffset + (long)(lastLimb + 1) * n > destination.Length)
        {
            throw new ArgumentException($"BasisConverter.ConvertCentered: need {a}×{n} source values and {lastLimb + 1}×{n} destination values.");
        }

        Simd.Require(path);
        if (targetCount == 0)
        {
            return;
        }

        int blocks = (n + BlockSize - 1) / BlockSize;
        Parallelism.For(blocks, BlockSize * Math.Max(targetCount, 1), blk =>
        {
            int j0 = blk * BlockSize;
            ConvertBlock(source, sourceOffset, destination, destinationOffset, n, j0, Math.Min(BlockSize, n - j0), targetCount, gapStart, gapWidth, path);
        });
    }

    private unsafe void ConvertBlock(
        ulong[] source, int sourceOffset, ulong[] destination, int destinationOffset, int n, int j0, int len, int targetCount, int gapStart, int gapWidth, SimdPath path)
    {
        fixed (ulong* src = &source[sourceOffset], dst = &destination[destinationOffset])
        {
            ConvertBlock(src, dst, n, j0, len, targetCount, gapStart, gapWidth, centred: true, path);
        }
    }

    /// <summary>Converts coefficients [j0, j0 + len) of every source limb (stride n) to the first <paramref name="targetCount"/> target limbs.</summary>
    private unsafe void ConvertBlock(ulong* src, ulong* dst, int n, int j0, int len, int targetCount, int gapStart, int gapWidth, bool centred, SimdPath path)
    {
        int a = Source.Length;
        using var scratch = ScratchBuffer.Rent((a + 1) * len);
        fixed (ulong* ys = scratch.Array)
        fixed (ulong* c = _sHatModT, cHi = _sHatModTHi)
        fixed (double* sInv = _sInv)
        {
            ulong* u = ys + (long)a * len;
            for (int i = 0; i < a; i++)
            {
                RnsMath.MulShoup(
                    new ReadOnlySpan<ulong>(src + (long)i * n + j0, len), _sHatInv[i], _sHatInvShoup[i], new Span<ulong>(ys + (long)i * len, len), Source[i].Value, path);
            }

            if (centred)
            {
                BasisConversionKernel.CenteredQuotients(ys, a, len, len, sInv, u, path);
            }

            for (int k = 0; k < targetCount; k++)
            {
                long limb = k < gapStart ? k : k + gapWidth;
                BasisConversionKernel.DotMod(
                    ys, a, len, centred ? u : null, _negSModT[k], len, c + (long)k * a, cHi + (long)k * a, dst + limb * n + j0, _targets[k], path);
            }
        }
    }
}

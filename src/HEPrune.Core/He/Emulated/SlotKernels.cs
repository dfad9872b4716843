using System.Numerics;

namespace HEPrune.Core.He.Emulated;

/// <summary>
/// Element-wise complex kernels over split real/imaginary chunked arrays; a null imaginary part means zero and is
/// kept null whenever the result is real, which halves the work of the (mostly real) HETAL circuits. The second
/// operand may be a ciphertext's chunked array or a plaintext's flat array.
/// </summary>
internal static class SlotKernels
{
    /// <summary>A read-only operand: chunked (ciphertext) or flat (plaintext); both null means zero.</summary>
    public readonly struct Operand
    {
        private readonly SlotArray? _chunked;
        private readonly double[]? _flat;

        /// <summary>Wraps a ciphertext's chunked array (null = zero).</summary>
        public Operand(SlotArray? chunked) { _chunked = chunked; _flat = null; }

        /// <summary>Wraps a plaintext's flat array (null = zero).</summary>
        public Operand(double[]? flat) { _chunked = null; _flat = flat; }

        /// <summary>True when the operand is identically zero (absent imaginary part).</summary>
        public bool IsZero => _chunked is null && _flat is null;

        /// <summary>Returns chunk c (of length cl) as a span.</summary>
        public ReadOnlySpan<double> Chunk(int c, int cl) => _chunked is not null ? _chunked.Chunks[c] : _flat.AsSpan(c * cl, cl);
    }

    /// <summary>Returns x + sign·y.</summary>
    public static (SlotArray Re, SlotArray? Im) AddSub(SlotArray xr, SlotArray? xi, Operand yr, Operand yi, int sign)
    {
        int n = xr.Length, cl = xr.ChunkLength;
        var re = SlotArray.Uninitialized(n);
        SlotArray? im = xi is null && yi.IsZero ? null : SlotArray.Uninitialized(n);
        for (int c = 0; c < re.Chunks.Length; c++)
        {
            AddSub(xr.Chunk(c), yr.Chunk(c, cl), re.Chunks[c], sign);
            if (im is null) continue;
            if (xi is not null && !yi.IsZero) AddSub(xi.Chunk(c), yi.Chunk(c, cl), im.Chunks[c], sign);
            else if (xi is not null) xi.Chunk(c).CopyTo(im.Chunks[c]);
            else
            {
                var s = yi.Chunk(c, cl);
                var d = im.Chunks[c];
                if (sign > 0) s.CopyTo(d);
                else for (int i = 0; i < d.Length; i++) d[i] = -s[i];
            }
        }
        return (re, im);
    }

    /// <summary>Returns x ⊙ y (complex slot-wise product).</summary>
    public static (SlotArray Re, SlotArray? Im) Mul(SlotArray xr, SlotArray? xi, Operand yr, Operand yi)
    {
        int n = xr.Length, cl = xr.ChunkLength;
        var re = SlotArray.Uninitialized(n);
        SlotArray? im = xi is null && yi.IsZero ? null : SlotArray.Uninitialized(n);
        for (int c = 0; c < re.Chunks.Length; c++)
        {
            var a = xr.Chunk(c);
            var cc = yr.Chunk(c, cl);
            var r = re.Chunks[c];
            if (im is null)
            {
                for (int i = 0; i < r.Length; i++) r[i] = a[i] * cc[i];
                continue;
            }
            var m = im.Chunks[c];
            if (xi is null)
            {
                var d = yi.Chunk(c, cl);
                for (int i = 0; i < r.Length; i++)
                {
                    r[i] = a[i] * cc[i];
                    m[i] = a[i] * d[i];
                }
            }
            else if (yi.IsZero)
            {
                var b = xi.Chunk(c);
                for (int i = 0; i < r.Length; i++)
                {
                    r[i] = a[i] * cc[i];
                    m[i] = b[i] * cc[i];
                }
            }
            else
            {
                var b = xi.Chunk(c);
                var d = yi.Chunk(c, cl);
                for (int i = 0; i < r.Length; i++)
                {
                    r[i] = a[i] * cc[i] - b[i] * d[i];
                    m[i] = a[i] * d[i] + b[i] * cc[i];
                }
            }
        }
        return (re, im);
    }

    /// <summary>Returns c·x for a complex scalar c.</summary>
    public static (SlotArray Re, SlotArray? Im) Scale(SlotArray xr, SlotArray? xi, Complex k)
    {
        int n = xr.Length;
        double cr = k.Real, ci = k.Imaginary;
        var re = SlotArray.Uninitialized(n);
        SlotArray? im = xi is null && ci == 0 ? null : SlotArray.Uninitialized(n);
        for (int c = 0; c < re.Chunks.Length; c++)
        {
            var a = xr.Chunk(c);
            var r = re.Chunks[c];
            if (im is null)
            {
                for (int i = 0; i < r.Length; i++) r[i] = cr * a[i];
                continue;
            }
            var m = im.Chunks[c];
            if (xi is null)
            {
                for (int i = 0; i < r.Length; i++)
                {
                    r[i] = cr * a[i];
                    m[i] = ci * a[i];
                }
            }
            else
            {
                var b = xi.Chunk(c);
                for (int i = 0; i < r.Length; i++)
                {
                    r[i] = cr * a[i] - ci * b[i];
                    m[i] = cr * b[i] + ci * a[i];
                }
            }
        }
        return (re, im);
    }

    /// <summary>Returns x + c for a complex scalar c.</summary>
    public static (SlotArray Re, SlotArray? Im) AddScalar(SlotArray xr, SlotArray? xi, Complex k)
    {
        var re = xr.Clone();
        foreach (var ch in re.Chunks) for (int i = 0; i < ch.Length; i++) ch[i] += k.Real;
        SlotArray? im = xi?.Clone();
        if (k.Imaginary != 0)
        {
            im ??= SlotArray.Zeros(xr.Length);
            foreach (var ch in im.Chunks) for (int i = 0; i < ch.Length; i++) ch[i] += k.Imaginary;
        }
        return (re, im);
    }

    private static void AddSub(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> d, int sign)
    {
        if (sign > 0) for (int i = 0; i < d.Length; i++) d[i] = x[i] + y[i];
        else for (int i = 0; i < d.Length; i++) d[i] = x[i] - y[i];
    }
}

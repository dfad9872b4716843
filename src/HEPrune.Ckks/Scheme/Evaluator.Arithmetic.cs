using System.Numerics;
using HEPrune.Ckks.Arithmetic;
using HEPrune.Ckks.Rings;

namespace HEPrune.Ckks.Scheme;

/// <content>Additive operations and multiplication by plaintexts and constants.</content>
public sealed partial class Evaluator
{
    /// <summary>destination = a + b (at the lower of the two levels; scales must match).</summary>
    /// <exception cref="ScaleMismatchException">If the scales differ by more than <see cref="ScaleTolerance"/>.</exception>
    public void Add(Ciphertext a, Ciphertext b, Ciphertext destination) => AddSub(a, b, destination, false, "Add");

    /// <summary>Returns a + b in a new ciphertext.</summary>
    public Ciphertext AddNew(Ciphertext a, Ciphertext b)
    {
        var d = new Ciphertext(Parameters, Math.Min(a.Level, b.Level));
        Add(a, b, d);
        return d;
    }

    /// <summary>destination = a − b (at the lower of the two levels; scales must match).</summary>
    /// <exception cref="ScaleMismatchException">If the scales differ by more than <see cref="ScaleTolerance"/>.</exception>
    public void Sub(Ciphertext a, Ciphertext b, Ciphertext destination) => AddSub(a, b, destination, true, "Sub");

    /// <summary>Returns a − b in a new ciphertext.</summary>
    public Ciphertext SubNew(Ciphertext a, Ciphertext b)
    {
        var d = new Ciphertext(Parameters, Math.Min(a.Level, b.Level));
        Sub(a, b, d);
        return d;
    }

    /// <summary>destination = −a.</summary>
    public void Negate(Ciphertext a, Ciphertext destination)
    {
        Check(a, "Negate", nameof(a));
        Check(destination, "Negate", nameof(destination));
        int level = a.Level, size = a.Size;
        double scale = a.Scale;
        destination.Resize(level, size);
        for (int k = 0; k < size; k++)
        {
            RnsPoly x = a.Poly(k), d = destination.Poly(k);
            for (int i = 0; i <= level; i++)
            {
                RnsMath.Negate(x.Limb(i), d.Limb(i), _ctx.QModuli[i].Value);
            }
        }

        destination.Scale = scale;
    }

    /// <summary>destination = ct + pt (the plaintext must have the ciphertext's scale; works at the lower level).</summary>
    /// <exception cref="ScaleMismatchException">If the scales differ by more than <see cref="ScaleTolerance"/>.</exception>
    public void AddPlain(Ciphertext ct, Plaintext pt, Ciphertext destination) => AddSubPlain(ct, pt, destination, false, "AddPlain");

    /// <summary>destination = ct − pt (the plaintext must have the ciphertext's scale).</summary>
    /// <exception cref="ScaleMismatchException">If the scales differ by more than <see cref="ScaleTolerance"/>.</exception>
    public void SubPlain(Ciphertext ct, Plaintext pt, Ciphertext destination) => AddSubPlain(ct, pt, destination, true, "SubPlain");

    /// <summary>destination = ct · pt; the result scale is the product of scales (rescale afterwards). Works at the lower level.</summary>
    /// <exception cref="LevelExhaustedException">If the product scale does not fit the level's modulus.</exception>
    public void MultiplyPlain(Ciphertext ct, Plaintext pt, Ciphertext destination)
    {
        Check(ct, "MultiplyPlain", nameof(ct));
        Check(pt, "MultiplyPlain", nameof(pt));
        Check(destination, "MultiplyPlain", nameof(destination));
        int level = Math.Min(ct.Level, pt.Level), size = ct.Size;
        double scale = ct.Scale * pt.Scale;
        CheckScaleFits(scale, level, "MultiplyPlain");
        destination.Resize(level, size);
        for (int k = 0; k < size; k++)
        {
            RnsPoly x = ct.Poly(k), d = destination.Poly(k);
            Parallelism.For(level + 1, _ctx.N, i => RnsMath.Mul(x.Limb(i), pt.Poly.Limb(i), d.Limb(i), _ctx.QModuli[i]));
        }

        destination.Scale = scale;
    }

    /// <summary>
    /// accumulator += ct · pt (one pass per limb: the same residues as <see cref="MultiplyPlain"/> followed by <see cref="Add"/>); the
    /// accumulator must be at the operands' level and already carry the product scale.
    /// </summary>
    /// <exception cref="ScaleMismatchException">If the accumulator's scale differs from ct.Scale · pt.Scale.</exception>
    internal void MultiplyPlainAdd(Ciphertext ct, Plaintext pt, Ciphertext accumulator)
    {
        Check(ct, "MultiplyPlainAdd", nameof(ct));
        Check(pt, "MultiplyPlainAdd", nameof(pt));
        Check(accumulator, "MultiplyPlainAdd", nameof(accumulator));
        int level = Math.Min(ct.Level, pt.Level), size = ct.Size;
        if (accumulator.Level != level || accumulator.Size != size)
        {
            throw new ArgumentException($"MultiplyPlainAdd: the accumulator (level {accumulator.Level}, size {accumulator.Size}) must be at level {level} with size {size}.", nameof(accumulator));
        }

        CheckScales(accumulator.Scale, ct.Scale * pt.Scale, "MultiplyPlainAdd");
        for (int k = 0; k < size; k++)
        {
            RnsPoly x = ct.Poly(k), d = accumulator.Poly(k);
            Parallelism.For(level + 1, _ctx.N, i => RnsMath.MulAdd(x.Limb(i), pt.Poly.Limb(i), d.Limb(i), _ctx.QModuli[i]));
        }
    }

    /// <summary>Returns ct · pt in a new ciphertext.</summary>
    public Ciphertext MultiplyPlainNew(Ciphertext ct, Plaintext pt)
    {
        var d = new Ciphertext(Parameters, Math.Min(ct.Level, pt.Level));
        MultiplyPlain(ct, pt, d);
        return d;
    }

    /// <summary>destination = ct + c in every slot (c is rounded at the ciphertext's scale: round(c·Δ)). Consumes no level.</summary>
    public void AddConst(Ciphertext ct, Complex c, Ciphertext destination)
    {
        Check(ct, "AddConst", nameof(ct));
        Check(destination, "AddConst", nameof(destination));
        destination.CopyFrom(ct);
        double re = Math.Round(c.Real * ct.Scale), im = Math.Round(c.Imaginary * ct.Scale);
        CheckConstant(re, im, ct.Level, "AddConst");
        RnsPoly d = destination.Poly(0);
        Parallelism.For(ct.Level + 1, _ctx.N, i =>
        {
            (ulong plus, ulong minus) = ConstantNtt(re, im, i);
            Span<ulong> limb = d.Limb(i);
            ulong q = _ctx.QModuli[i].Value;
            bool[] pos = _ctx.ImagPositive;
            for (int j = 0; j < limb.Length; j++)
            {
                ulong s = limb[j] + (pos[j] ? plus : minus);
                limb[j] = UInt64Math.ReduceOnce(s, q);
            }
        });
    }

    /// <summary>
    /// destination = ct · c in every slot, with c encoded as round(c·<paramref name="constantScale"/>) (default: the last prime q_l, so that a
    /// following <see cref="Rescale"/> restores exactly the input scale). The result scale is ct.Scale·constantScale: this consumes one rescale.
    /// </summary>
    /// <exception cref="LevelExhaustedException">If the product scale does not fit the level's modulus.</exception>
    public void MultiplyConst(Ciphertext ct, Complex c, Ciphertext destination, double? constantScale = null)
    {
        Check(ct, "MultiplyConst", nameof(ct));
        Check(destination, "MultiplyConst", nameof(destination));
        int level = ct.Level, size = ct.Size;
        double cs = constantScale ?? _ctx.QModuli[level].Value;
        if (!(cs > 0) || double.IsInfinity(cs))
        {
            throw new ArgumentOutOfRangeException(nameof(constantScale), cs, "MultiplyConst: the constant's scale must be positive and finite.");
        }

        double scale = ct.Scale * cs;
        CheckScaleFits(scale, level, "MultiplyConst");
        double re = Math.Round(c.Real * cs), im = Math.Round(c.Imaginary * cs);
        CheckConstant(re, im, level, "MultiplyConst");
        destination.Resize(level, size);
        Parallelism.For(level + 1, _ctx.N, i =>
        {
            (ulong plus, ulong minus) = ConstantNtt(re, im, i);
            Modulus m = _ctx.QModuli[i];
            ulong q = m.Value, ps = m.ShoupOf(plus), ms = m.ShoupOf(minus);
            bool[] pos = _ctx.ImagPositive;
            for (int k = 0; k < size; k++)
            {
                Span<ulong> x = ct.Poly(k).Limb(i), d = destination.Poly(k).Limb(i);
                if (plus == minus)
                {
                    RnsMath.MulShoup(x, plus, ps, d, q, Simd.Active); // a real constant: the same residue in every slot (vector kernels)
                    continue;
                }

                for (int j = 0; j < x.Length; j++)
                {
                    d[j] = pos[j] ? Modulus.MulShoup(x[j], plus, ps, q) : Modulus.MulShoup(x[j], minus, ms, q);
                }
            }
        });

        destination.Scale = scale;
    }

    /// <summary>destination = ct · c followed by <see cref="Rescale"/>: multiplies every slot by c, keeps the scale, consumes one level.</summary>
    public void MultiplyConstRescale(Ciphertext ct, Complex c, Ciphertext destination)
    {
        MultiplyConst(ct, c, destination);
        Rescale(destination, destination);
    }

    /// <summary>destination = k · ct for an integer k (exact: no scale change, no level consumed).</summary>
    public void MultiplyInteger(Ciphertext ct, long k, Ciphertext destination)
    {
        Check(ct, "MultiplyInteger", nameof(ct));
        Check(destination, "MultiplyInteger", nameof(destination));
        int level = ct.Level, size = ct.Size;
        double scale = ct.Scale;
        destination.Resize(level, size);
        for (int i = 0; i <= level; i++)
        {
            Modulus m = _ctx.QModuli[i];
            ulong c = m.FromSigned(k);
            for (int p = 0; p < size; p++)
            {
                RnsMath.MulScalar(ct.Poly(p).Limb(i), c, destination.Poly(p).Limb(i), m);
            }
        }

        destination.Scale = scale;
    }

    private (ulong Plus, ulong Minus) ConstantNtt(double re, double im, int limb)
    {
        Modulus m = _ctx.QModuli[limb];
        ulong a = ExactRounding.Residue(re, m), b = ExactRounding.Residue(im, m);
        ulong bi = m.Mul(b, _ctx.ImagUnit[limb]);
        return (m.Add(a, bi), m.Sub(a, bi));
    }

    private void CheckConstant(double re, double im, int level, string op)
    {
        double limit = _ctx.Parameters.LogQAtLevel(level) - 1;
        if (!double.IsFinite(re) || !double.IsFinite(im) || Math.Log2(Math.Max(Math.Abs(re), Math.Abs(im))) >= limit)
        {
            throw new ArgumentException($"{op}: the scaled constant ({re}, {im}) is not finite or exceeds Q_{level}/2.");
        }
    }

    private void AddSub(Ciphertext a, Ciphertext b, Ciphertext destination, bool subtract, string op)
    {
        Check(a, op, nameof(a));
        Check(b, op, nameof(b));
        Check(destination, op, nameof(destination));
        CheckScales(a.Scale, b.Scale, op);
        int level = Math.Min(a.Level, b.Level), size = Math.Max(a.Size, b.Size);
        double scale = a.Scale;
        int aSize = a.Size, bSize = b.Size;
        destination.Resize(level, size);
        for (int k = 0; k < size; k++)
        {
            RnsPoly d = destination.Poly(k);
            int kk = k;
            Parallelism.For(level + 1, _ctx.N, i =>
            {
                int k = kk;
                ulong q = _ctx.QModuli[i].Value;
                if (k < aSize && k < bSize)
                {
                    if (subtract)
                    {
                        RnsMath.Sub(a.Poly(k).Limb(i), b.Poly(k).Limb(i), d.Limb(i), q);
                    }
                    else
                    {
                        RnsMath.Add(a.Poly(k).Limb(i), b.Poly(k).Limb(i), d.Limb(i), q);
                    }
                }
                else if (k < aSize)
                {
                    a.Poly(k).Limb(i).CopyTo(d.Limb(i));
                }
                else if (subtract)
                {
                    RnsMath.Negate(b.Poly(k).Limb(i), d.Limb(i), q);
                }
                else
                {
                    b.Poly(k).Limb(i).CopyTo(d.Limb(i));
                }
            });
        }

        destination.Scale = scale;
    }

    private void AddSubPlain(Ciphertext ct, Plaintext pt, Ciphertext destination, bool subtract, string op)
    {
        Check(ct, op, nameof(ct));
        Check(pt, op, nameof(pt));
        Check(destination, op, nameof(destination));
        CheckScales(ct.Scale, pt.Scale, op);
        int level = Math.Min(ct.Level, pt.Level), size = ct.Size;
        double scale = ct.Scale;
        destination.Resize(level, size);
        for (int i = 0; i <= level; i++)
        {
            ulong q = _ctx.QModuli[i].Value;
            if (subtract)
            {
                RnsMath.Sub(ct.Poly(0).Limb(i), pt.Poly.Limb(i), destination.Poly(0).Limb(i), q);
            }
            else
            {
                RnsMath.Add(ct.Poly(0).Limb(i), pt.Poly.Limb(i), destination.Poly(0).Limb(i), q);
            }

            for (int k = 1; k < size; k++)
            {
                ct.Poly(k).Limb(i).CopyTo(destination.Poly(k).Limb(i));
            }
        }

        destination.Scale = scale;
    }
}

using System.Numerics;

namespace HEPrune.Ckks.Bootstrapping;

/// <summary>An n×n complex matrix stored by its nonzero generalized diagonals: diagonal k holds M[r][(r+k) mod n] for r &lt; n (plaintext math only).</summary>
/// <remarks>
/// This is the form a homomorphic linear transform consumes: M·z = Σ_k diag_k ⊙ rot_k(z), where rot_k moves slot r+k to slot r.
/// Offsets are normalised to [0, n). Instances are mutable only through <see cref="Set"/>; the products return new matrices.
/// </remarks>
public sealed class DiagonalMatrix
{
    private readonly SortedDictionary<int, Complex[]> _diagonals = [];

    /// <summary>Creates an empty (zero) matrix of dimension <paramref name="n"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">If n is not positive.</exception>
    public DiagonalMatrix(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        N = n;
    }

    /// <summary>Dimension n.</summary>
    public int N { get; }

    /// <summary>The offsets of the stored diagonals, ascending in [0, n).</summary>
    public IReadOnlyCollection<int> Offsets => _diagonals.Keys;

    /// <summary>Number of stored diagonals.</summary>
    public int Count => _diagonals.Count;

    /// <summary>Returns diagonal <paramref name="offset"/> (normalised mod n), or null when it is zero.</summary>
    public Complex[]? Diagonal(int offset) => _diagonals.GetValueOrDefault(Normalize(offset));

    /// <summary>Sets M[row][(row+offset) mod n] = value.</summary>
    public void Set(int row, int offset, Complex value)
    {
        int k = Normalize(offset);
        if (!_diagonals.TryGetValue(k, out Complex[]? d))
        {
            d = new Complex[N];
            _diagonals[k] = d;
        }

        d[row] = value;
    }

    /// <summary>Returns the identity matrix of dimension n.</summary>
    public static DiagonalMatrix Identity(int n)
    {
        var m = new DiagonalMatrix(n);
        for (int r = 0; r < n; r++)
        {
            m.Set(r, 0, Complex.One);
        }

        return m;
    }

    /// <summary>Returns this·<paramref name="right"/> (apply <paramref name="right"/> first); diagonal a of this and b of right give diagonal a+b.</summary>
    /// <exception cref="ArgumentException">If the dimensions differ.</exception>
    public DiagonalMatrix Multiply(DiagonalMatrix right)
    {
        ArgumentNullException.ThrowIfNull(right);
        if (right.N != N)
        {
            throw new ArgumentException($"DiagonalMatrix.Multiply: dimensions differ ({N} vs {right.N}).", nameof(right));
        }

        var result = new DiagonalMatrix(N);
        foreach ((int a, Complex[] p) in _diagonals)
        {
            foreach ((int b, Complex[] q) in right._diagonals)
            {
                int k = (a + b) % N;
                if (!result._diagonals.TryGetValue(k, out Complex[]? d))
                {
                    d = new Complex[N];
                    result._diagonals[k] = d;
                }

                for (int r = 0; r < N; r++)
                {
                    d[r] += p[r] * q[(r + a) % N];
                }
            }
        }

        return result;
    }

    /// <summary>Returns c·M.</summary>
    public DiagonalMatrix Scale(Complex c)
    {
        var result = new DiagonalMatrix(N);
        foreach ((int k, Complex[] d) in _diagonals)
        {
            var e = new Complex[N];
            for (int r = 0; r < N; r++)
            {
                e[r] = d[r] * c;
            }

            result._diagonals[k] = e;
        }

        return result;
    }

    /// <summary>
    /// Returns the <paramref name="n"/>×<paramref name="n"/> matrix that acts as this n'×n' matrix on every block of an n'-periodic
    /// vector (sparse packing): diagonal k (signed, |k| ≤ n'/2) becomes the periodic extension of the same diagonal.
    /// </summary>
    /// <exception cref="ArgumentException">If n is not a multiple of n'.</exception>
    public DiagonalMatrix Replicate(int n)
    {
        if (n < N || n % N != 0)
        {
            throw new ArgumentException($"DiagonalMatrix.Replicate: {n} is not a multiple of the dimension {N}.", nameof(n));
        }

        var result = new DiagonalMatrix(n);
        foreach ((int k, Complex[] d) in _diagonals)
        {
            int signed = k > N / 2 ? k - N : k;
            var e = new Complex[n];
            for (int r = 0; r < n; r++)
            {
                e[r] = d[r % N];
            }

            result._diagonals[((signed % n) + n) % n] = e;
        }

        return result;
    }

    /// <summary>Returns M·z (reference product in double precision).</summary>
    /// <exception cref="ArgumentException">If z does not have n entries.</exception>
    public Complex[] Apply(ReadOnlySpan<Complex> z)
    {
        if (z.Length != N)
        {
            throw new ArgumentException($"DiagonalMatrix.Apply: expected {N} values, got {z.Length}.", nameof(z));
        }

        var y = new Complex[N];
        foreach ((int k, Complex[] d) in _diagonals)
        {
            for (int r = 0; r < N; r++)
            {
                y[r] += d[r] * z[(r + k) % N];
            }
        }

        return y;
    }

    private int Normalize(int offset) => ((offset % N) + N) % N;
}

namespace HEPrune.Core.He.Emulated;

/// <summary>Seeded normal samples (Box–Muller) for the emulated noise model.</summary>
internal sealed class GaussianSource
{
    private readonly Random _rng;
    private double _spare;
    private bool _hasSpare;

    /// <summary>Creates a source with the given seed.</summary>
    public GaussianSource(int seed) => _rng = new Random(seed);

    /// <summary>Returns one N(0, 1) sample.</summary>
    public double Next()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }
        double u1 = 1.0 - _rng.NextDouble();
        double u2 = _rng.NextDouble();
        double r = Math.Sqrt(-2.0 * Math.Log(u1));
        _spare = r * Math.Sin(2 * Math.PI * u2);
        _hasSpare = true;
        return r * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Adds N(0, std²) to every entry of re and of im (allocated if null); returns im.</summary>
    public SlotArray AddTo(SlotArray re, SlotArray? im, double std)
    {
        im ??= SlotArray.Zeros(re.Length);
        for (int c = 0; c < re.Chunks.Length; c++)
        {
            var r = re.Chunks[c];
            var m = im.Chunks[c];
            for (int i = 0; i < r.Length; i++)
            {
                r[i] += std * Next();
                m[i] += std * Next();
            }
        }
        return im;
    }
}

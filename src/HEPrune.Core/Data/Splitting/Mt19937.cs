namespace HEPrune.Core.Data.Splitting;

/// <summary>The 32-bit Mersenne Twister MT19937 (Matsumoto and Nishimura 1998), seeded like <c>std::mt19937</c> and PyTorch's CPU generator.</summary>
public sealed class Mt19937
{
    private const int N = 624;
    private const int M = 397;
    private readonly uint[] _state = new uint[N];
    private int _index;

    /// <summary>Seeds the generator with the low 32 bits of <paramref name="seed"/> (PyTorch's <c>manual_seed</c> does the same).</summary>
    public Mt19937(ulong seed = 5489)
    {
        _state[0] = (uint)seed;
        for (uint i = 1; i < N; i++)
        {
            uint prev = _state[i - 1];
            _state[i] = unchecked((1812433253u * (prev ^ (prev >> 30))) + i);
        }

        _index = N;
    }

    /// <summary>Returns the next 32-bit output.</summary>
    public uint NextUInt32()
    {
        if (_index >= N)
        {
            Twist();
        }

        uint y = _state[_index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9D2C5680u;
        y ^= (y << 15) & 0xEFC60000u;
        y ^= y >> 18;
        return y;
    }

    private void Twist()
    {
        for (int i = 0; i < N; i++)
        {
            uint y = (_state[i] & 0x80000000u) | (_state[(i + 1) % N] & 0x7FFFFFFFu);
            uint next = _state[(i + M) % N] ^ (y >> 1);
            _state[i] = (y & 1) != 0 ? next ^ 0x9908B0DFu : next;
        }

        _index = 0;
    }
}

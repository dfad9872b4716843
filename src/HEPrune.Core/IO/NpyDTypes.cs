namespace HEPrune.Core.IO;

/// <summary>Size and numpy type-string helpers for <see cref="NpyDType"/>.</summary>
public static class NpyDTypes
{
    /// <summary>Returns the size in bytes of one element of <paramref name="dtype"/>.</summary>
    public static int ItemSize(NpyDType dtype) => dtype switch
    {
        NpyDType.UInt8 or NpyDType.Int8 => 1,
        NpyDType.Int32 or NpyDType.Float32 => 4,
        NpyDType.Int64 or NpyDType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype"),
    };

    /// <summary>Returns the numpy <c>descr</c> string written for <paramref name="dtype"/> (e.g. <c>&lt;f4</c>).</summary>
    public static string Descr(NpyDType dtype) => dtype switch
    {
        NpyDType.UInt8 => "|u1",
        NpyDType.Int8 => "|i1",
        NpyDType.Int32 => "<i4",
        NpyDType.Int64 => "<i8",
        NpyDType.Float32 => "<f4",
        NpyDType.Float64 => "<f8",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype"),
    };

    /// <summary>Parses a numpy <c>descr</c> string; returns false for anything unsupported (big-endian, other kinds or sizes).</summary>
    public static bool TryParseDescr(string descr, out NpyDType dtype)
    {
        dtype = default;
        if (descr.Length != 3)
        {
            return false;
        }

        char order = descr[0];
        string kind = descr.Substring(1);
        bool single = kind is "u1" or "i1";
        // One-byte types may carry '|', '<', '>' or '=' (byte order is irrelevant); wider types must be little-endian.
        bool orderOk = single ? order is '|' or '<' or '>' or '=' : order == '<' || (order == '=' && BitConverter.IsLittleEndian);
        if (!orderOk)
        {
            return false;
        }

        switch (kind)
        {
            case "u1": dtype = NpyDType.UInt8; return true;
            case "i1": dtype = NpyDType.Int8; return true;
            case "i4": dtype = NpyDType.Int32; return true;
            case "i8": dtype = NpyDType.Int64; return true;
            case "f4": dtype = NpyDType.Float32; return true;
            case "f8": dtype = NpyDType.Float64; return true;
            default: return false;
        }
    }
}

namespace HEPrune.Core.IO;

/// <summary>Element types supported by the .npy reader and writer (all little-endian).</summary>
public enum NpyDType
{
    /// <summary>Unsigned 8-bit integer, numpy <c>|u1</c>.</summary>
    UInt8,

    /// <summary>Signed 8-bit integer, numpy <c>|i1</c>.</summary>
    Int8,

    /// <summary>Signed 32-bit integer, numpy <c>&lt;i4</c>.</summary>
    Int32,

    /// <summary>Signed 64-bit integer, numpy <c>&lt;i8</c>.</summary>
    Int64,

    /// <summary>IEEE single precision, numpy <c>&lt;f4</c>.</summary>
    Float32,

    /// <summary>IEEE double precision, numpy <c>&lt;f8</c>.</summary>
    Float64,
}

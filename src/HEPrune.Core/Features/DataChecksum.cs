using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using HEPrune.Core.Data;

namespace HEPrune.Core.Features;

/// <summary>Checksums of raw dataset splits, used in feature cache keys so that changed data invalidates features.</summary>
public static class DataChecksum
{
    /// <summary>Hex SHA-256 over the split's labels and its images (dimensions and pixels) or texts (UTF-8, length-prefixed).</summary>
    public static string Of(DataSplit split)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        h.AppendData(MemoryMarshal.AsBytes(split.Labels.AsSpan()));
        if (split.Images is { } images)
        {
            Span<int> dims = stackalloc int[3];
            for (int i = 0; i < images.Count; i++)
            {
                var v = images[i];
                dims[0] = v.Height; dims[1] = v.Width; dims[2] = v.Channels;
                h.AppendData(MemoryMarshal.AsBytes(dims));
                h.AppendData(v.Pixels);
            }
        }
        else
        {
            foreach (var t in split.Texts!)
            {
                var bytes = Encoding.UTF8.GetBytes(t);
                h.AppendData(BitConverter.GetBytes(bytes.Length));
                h.AppendData(bytes);
            }
        }
        return Convert.ToHexStringLower(h.GetHashAndReset());
    }
}

using HEPrune.Ckks.Scheme;
using HEPrune.Ckks.Serialization;

namespace HEPrune.Ckks.Tests.Serialization;

/// <summary>Freezes the parameter encoding and prime generation: a change to either changes these fingerprints (bump the format version then).</summary>
public class FormatFreezeTests
{
    [Theory]
    [InlineData("N13", "CB5A8B40125B9DD3")]
    [InlineData("N14", "4CC19A6E2DB38830")]
    [InlineData("N15", "9276B22B13C8168E")]
    [InlineData("PaperN16", "2555A98F418A2F44")]
    [InlineData("InsecureTestN10", "FA188BB5F8287999")]
    public void PresetFingerprintsAreStable(string preset, string fingerprintPrefix)
    {
        CkksParameters p = Presets.ByName(preset);
        Assert.StartsWith(fingerprintPrefix, Convert.ToHexString(p.Fingerprint));
        byte[] bytes = CkksSerializer.Serialize(p);
        Assert.Equal("HECK"u8.ToArray(), bytes[..4]);
        Assert.Equal(p.Fingerprint, bytes[8..40]);
    }
}

using HEPrune.Core.Features;

namespace HEPrune.Features.Tests;

/// <summary>Locations the tests need: fixtures next to the test assembly, npm packages in the repository's cache.</summary>
internal static class TestPaths
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>The nsfwjs model folder, or null (with the reason in <paramref name="why"/>) when not installed.</summary>
    public static string? MobileNetDir(out string why)
    {
        try
        {
            why = "";
            return Torch.MobileNet.MobileNetV2Extractor.DefaultModelDirectory();
        }
        catch (DirectoryNotFoundException e)
        {
            why = e.Message;
            return null;
        }
    }

    public static string RepoRoot() => RepoPaths.RepoRoot() ?? throw new InvalidOperationException("repository root not found");
}

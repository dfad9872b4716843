using System.Text.Json;
using HEPrune.Core.Data;
using HEPrune.Features.Torch.Images;
using HEPrune.Features.Torch.MobileNet;

namespace HEPrune.Features.Tests;

/// <summary>The C# import of nsfwjs' MobileNetV2 reproduces the original TF.js model (tools/features/make-mobilenet-fixture.cjs).</summary>
public class MobileNetFidelityTests
{
    [Fact]
    public void MatchesTfjsReferenceWithin1e4()
    {
        string? dir = TestPaths.MobileNetDir(out string why);
        Assert.True(dir is not null, why);
        using var doc = JsonDocument.Parse(File.ReadAllText(TestPaths.Fixture("mobilenet_v2_tfjs_reference.json")));
        var cases = doc.RootElement.GetProperty("cases").EnumerateArray().ToArray();
        Assert.Equal(5, cases.Length);
        foreach (var group in cases.GroupBy(c => c.GetProperty("size").GetInt32()))
        {
            int size = group.Key;
            using var ex = new MobileNetV2Extractor(dir!, ImagePreprocessing.UnitRange(size));
            var px = group.SelectMany(c => Convert.FromBase64String(c.GetProperty("pixels_hwc_base64").GetString()!)).ToArray();
            var images = ImageData.Uniform(px, group.Count(), size, size, 3);
            var got = new float[images.Count * ex.Dimension];
            ex.Extract(images, 0, images.Count, got);
            int k = 0;
            foreach (var c in group)
            {
                var bytes = Convert.FromBase64String(c.GetProperty("features_f32le_base64").GetString()!);
                var want = new float[bytes.Length / 4];
                Buffer.BlockCopy(bytes, 0, want, 0, bytes.Length);
                Assert.Equal(1280, want.Length);
                double maxDiff = 0;
                int nonZero = 0;
                for (int j = 0; j < want.Length; j++)
                {
                    maxDiff = Math.Max(maxDiff, Math.Abs(want[j] - got[k * 1280 + j]));
                    if (want[j] != 0) nonZero++;
                }
                Assert.True(nonZero > 0, $"{c.GetProperty("name")}: reference is all zero");
                Assert.True(maxDiff <= 1e-4, $"{c.GetProperty("name")}: max |diff| = {maxDiff:E3}");
                k++;
            }
        }
    }

    /// <summary>2^-23, the float32 machine epsilon (float.Epsilon is the smallest subnormal, not this).</summary>
    private const double MachineEpsilonF32 = 1.0 / (1 << 23);

    [Fact]
    public void BatchResultEqualsSingleImageResults()
    {
        string? dir = TestPaths.MobileNetDir(out string why);
        Assert.True(dir is not null, why);
        using var ex = new MobileNetV2Extractor(dir!, ImagePreprocessing.UnitRange(32));
        var rng = new Random(7);
        var b = new byte[3 * 28 * 28];
        rng.NextBytes(b);
        var imgs = ImageData.Uniform(b, 3, 28, 28, 1);
        var batch = new float[3 * 1280];
        ex.Extract(imgs, 0, 3, batch);
        for (int i = 0; i < 3; i++)
        {
            var one = new float[1280];
            ex.Extract(imgs, i, 1, one);
            double maxDiff = 0, maxAbs = 0;
            for (int j = 0; j < 1280; j++)
            {
                maxDiff = Math.Max(maxDiff, Math.Abs(one[j] - batch[i * 1280 + j]));
                maxAbs = Math.Max(maxAbs, Math.Abs(one[j]));
            }
            // Batching must not mix images (a wrong offset gives differences of the features' own size), but it may
            // change float32 summation order: libtorch's CPU convolution picks its kernel by batch size, and on an AMD
            // EPYC (AVX-512) batch 3 vs batch 1 differed by 1.05e-5 at max |feature| 3.47, i.e. 3e-6 relative. So the
            // bound is relative to the features' scale: 64 float32 epsilons (7.6e-6) of the largest feature.
            double bound = 64 * MachineEpsilonF32 * Math.Max(1.0, maxAbs);
            Assert.True(maxDiff <= bound, $"image {i}: max |single - batch| = {maxDiff:E3} > {bound:E3} (max |feature| {maxAbs:E3})");
        }
    }
}

using HEPrune.Features.Torch.Native;
using TorchSharp;

namespace HEPrune.Features.Tests;

/// <summary>The patched native library loads and TorchSharp computes correctly with it.</summary>
public class NativeLoadTests
{
    [Fact]
    public void TorchWorksAfterEnsureLoaded()
    {
        TorchNative.EnsureLoaded();
        TorchNative.EnsureLoaded(); // idempotent
        Assert.NotNull(TorchNative.LoadedFrom);
        using var a = torch.tensor(new float[] { 1, 2, 3, 4 }).reshape(2, 2);
        using var b = a.matmul(a);
        Assert.Equal(new float[] { 7, 10, 15, 22 }, b.data<float>().ToArray());
    }
}

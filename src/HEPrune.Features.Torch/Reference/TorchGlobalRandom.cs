namespace HEPrune.Features.Torch.Reference;

/// <summary>
/// The lock around seeding TorchSharp's global generator and drawing a model's initial weights from it. Every reference
/// trainer takes this one lock: with a lock per trainer, two trainers on different threads could reseed the generator
/// between each other's seed and draws.
/// </summary>
internal static class TorchGlobalRandom
{
    /// <summary>Hold while calling <c>torch.random.manual_seed</c> and the initialisers that draw from it.</summary>
    public static readonly object Gate = new();
}

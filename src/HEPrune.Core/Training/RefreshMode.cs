namespace HEPrune.Core.Training;

/// <summary>How the training circuit's refresh points are served.</summary>
public enum RefreshMode
{
    /// <summary>Client-aided re-encryption over the channel (deviation from the paper until bootstrapping exists).</summary>
    Client,
    /// <summary>The backend's own refresher (CKKS bootstrapping, or the emulated bootstrap).</summary>
    Bootstrap,
}

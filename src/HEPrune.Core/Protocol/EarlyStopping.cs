namespace HEPrune.Core.Protocol;

/// <summary>Validation-loss early stopping with patience (HETAL: patience 3); kept by the client.</summary>
public sealed class EarlyStopping
{
    /// <summary>Creates the rule.</summary>
    public EarlyStopping(int patience = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(patience, 1);
        Patience = patience;
    }

    /// <summary>Epochs without improvement tolerated.</summary>
    public int Patience { get; }

    /// <summary>Lowest validation loss seen.</summary>
    public double BestLoss { get; private set; } = double.PositiveInfinity;

    /// <summary>Epoch (0-based) of the lowest validation loss, or −1.</summary>
    public int BestEpoch { get; private set; } = -1;

    /// <summary>Records an epoch's validation loss; returns (stop, isNewBest).</summary>
    public (bool Stop, bool IsBest) Observe(int epoch, double loss)
    {
        if (loss < BestLoss)
        {
            BestLoss = loss;
            BestEpoch = epoch;
            return (false, true);
        }
        return (epoch - BestEpoch >= Patience, false);
    }
}

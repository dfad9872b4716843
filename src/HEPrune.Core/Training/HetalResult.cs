using System.Text.Json.Serialization;

namespace HEPrune.Core.Training;

/// <summary>Everything one encrypted HETAL training produced, in JSON-friendly shapes.</summary>
public sealed class HetalResult
{
    /// <summary>Backend name ("emulated", "ckks").</summary>
    public string Backend { get; init; } = "";

    /// <summary>How refreshes were served ("client" or "bootstrap").</summary>
    public string RefreshMode { get; init; } = "";

    /// <summary>Deviations from the paper's setting that affect the numbers.</summary>
    public List<string> Deviations { get; } = new();

    /// <summary>Test accuracy after each epoch (decrypted model on unencrypted test features).</summary>
    public List<double> TestAccuracyPerEpoch { get; } = new();

    /// <summary>Validation loss the client computed after each epoch.</summary>
    public List<double> ValidationLossPerEpoch { get; } = new();

    /// <summary>Ciphertexts of training data processed in each epoch.</summary>
    public List<long> CiphertextsPerEpoch { get; } = new();

    /// <summary>Epochs actually run.</summary>
    public int EpochsRun { get; internal set; }

    /// <summary>Training steps run.</summary>
    public int Steps { get; internal set; }

    /// <summary>Epoch (0-based) of the lowest validation loss.</summary>
    public int BestEpoch { get; internal set; }

    /// <summary>Highest per-epoch test accuracy.</summary>
    public double BestAccuracy => TestAccuracyPerEpoch.Count == 0 ? 0 : TestAccuracyPerEpoch.Max();

    /// <summary>Test accuracy of the model the client decrypted at the end.</summary>
    public double FinalAccuracy { get; internal set; }

    /// <summary>The decrypted final model, c × (d+1), bias last (not serialized; see <see cref="FinalWeightRows"/>).</summary>
    [JsonIgnore]
    public double[,] FinalWeights { get; internal set; } = new double[0, 0];

    /// <summary>The decrypted final model as rows (JSON-friendly copy of <see cref="FinalWeights"/>).</summary>
    public double[][] FinalWeightRows
    {
        get
        {
            var rows = new double[FinalWeights.GetLength(0)][];
            for (int i = 0; i < rows.Length; i++)
            {
                rows[i] = new double[FinalWeights.GetLength(1)];
                for (int j = 0; j < rows[i].Length; j++) rows[i][j] = FinalWeights[i, j];
            }
            return rows;
        }
    }

    /// <summary>Server operation counts by kind and input level.</summary>
    public Dictionary<string, Dictionary<string, long>> OperationsByLevel { get; internal set; } = new();

    /// <summary>Server operation totals by kind.</summary>
    public Dictionary<string, long> Operations { get; internal set; } = new();

    /// <summary>Client operation totals (Encrypt, Decrypt).</summary>
    public Dictionary<string, long> ClientOperations { get; internal set; } = new();

    /// <summary>Server operation totals per circuit stage.</summary>
    public Dictionary<string, Dictionary<string, long>> OperationsByStage { get; internal set; } = new();

    /// <summary>
    /// Server operations per component, kind and input level: the outermost open scope of the evaluator's counter
    /// (a circuit stage such as <c>forward</c> or <c>softmax.max</c>, or a pruning component such as
    /// <c>prune.forward</c>); operations outside every scope are not included (they are the difference to
    /// <see cref="OperationsByLevel"/>).
    /// </summary>
    public Dictionary<string, Dictionary<string, Dictionary<string, long>>> OperationsByComponent { get; internal set; } = new();

    /// <summary>Refreshes per refresh point.</summary>
    public Dictionary<string, int> RefreshPoints { get; internal set; } = new();

    /// <summary>Bytes per message type (CKKS wire size for ciphertexts).</summary>
    public Dictionary<string, long> BytesByMessage { get; internal set; } = new();

    /// <summary>Messages per message type.</summary>
    public Dictionary<string, long> MessagesByType { get; internal set; } = new();

    /// <summary>
    /// Measured seconds per component: forward, softmax, backward (error + DiagATB), update, validation, refresh,
    /// communication, total. Refresh and communication overlap the stages they occur in.
    /// </summary>
    public Dictionary<string, double> Seconds { get; internal set; } = new();
}

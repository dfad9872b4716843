namespace HEPrune.Core.Protocol;

/// <summary>Names of the message types the channel counts (keys of the bytes-per-message table).</summary>
public static class MessageType
{
    /// <summary>Client → server: encrypted training feature and label blocks.</summary>
    public const string TrainData = "train-data";
    /// <summary>Client → server: encrypted validation feature blocks.</summary>
    public const string ValidationData = "validation-data";
    /// <summary>Client → server: the encrypted initial model.</summary>
    public const string InitialModel = "initial-model";
    /// <summary>Server → client: encrypted validation logits for early stopping.</summary>
    public const string ValidationLogits = "validation-logits";
    /// <summary>Client → server: the early-stopping decision (continue/stop, new best).</summary>
    public const string EarlyStopDecision = "early-stop-decision";
    /// <summary>Server → client: a ciphertext to refresh (client-aided refresh, a deviation from the paper).</summary>
    public const string RefreshRequest = "refresh-request";
    /// <summary>Client → server: the re-encrypted ciphertext at the top level.</summary>
    public const string RefreshResponse = "refresh-response";
    /// <summary>Server → client: the encrypted final model.</summary>
    public const string FinalModel = "final-model";
}

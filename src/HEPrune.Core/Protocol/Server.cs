using HEPrune.Core.He;

namespace HEPrune.Core.Protocol;

/// <summary>
/// The training party: it holds only the evaluator (public evaluation keys) and the channel; it has no way to
/// decrypt. HETAL training and HEPrune pruning run on it.
/// </summary>
public sealed class Server
{
    /// <summary>Creates the server.</summary>
    public Server(IHeEvaluator evaluator, Channel channel)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(channel);
        Evaluator = evaluator;
        Channel = channel;
    }

    /// <summary>The server's homomorphic evaluator.</summary>
    public IHeEvaluator Evaluator { get; }

    /// <summary>The channel to the client.</summary>
    public Channel Channel { get; }
}

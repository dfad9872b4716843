using HEPrune.Core.He;

namespace HEPrune.Core.Protocol;

/// <summary>
/// Refresh by client round trip: the server sends the ciphertext over the channel, the client decrypts and
/// re-encrypts it at the top level and sends it back. A documented deviation from HETAL (which bootstraps): it costs
/// communication and lets the client see intermediate values. The same refresh points will call bootstrapping.
/// </summary>
public sealed class ClientAidedRefresher : IRefresher
{
    private readonly Channel _channel;
    private readonly Client _client;
    private readonly IHeEvaluator? _server;

    /// <summary>Creates the refresher over the channel and the client.</summary>
    /// <param name="channel">The channel both messages cross.</param>
    /// <param name="client">The client that re-encrypts.</param>
    /// <param name="server">If given, the server's evaluator drops each request to level 0 first (smallest message; counted as Drop).</param>
    public ClientAidedRefresher(Channel channel, Client client, IHeEvaluator? server = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(client);
        _channel = channel;
        _client = client;
        _server = server;
    }

    /// <inheritdoc />
    public string Name => "client";

    /// <inheritdoc />
    public int MinInputLevel => 0;

    /// <summary>Number of refreshes performed.</summary>
    public int Count { get; private set; }

    /// <inheritdoc />
    public HeCiphertext Refresh(HeCiphertext ciphertext)
    {
        Count++;
        var outgoing = _server is null ? ciphertext : _server.DropLevel(ciphertext, 0);
        var atClient = _channel.Send(MessageType.RefreshRequest, outgoing);
        return _channel.Send(MessageType.RefreshResponse, _client.Reencrypt(atClient));
    }
}

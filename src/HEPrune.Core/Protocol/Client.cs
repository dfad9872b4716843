using HEPrune.Core.He;
using HEPrune.Core.Packing;

namespace HEPrune.Core.Protocol;

/// <summary>
/// The data owner: the only party with the secret key. Encodes and encrypts feature and label blocks and the
/// initial model, decrypts validation logits to compute the validation loss and decide early stopping, refreshes
/// ciphertexts on request (client-aided refresh), and decrypts the final model. Every reply crosses the channel.
/// </summary>
public sealed class Client
{
    private readonly IHeClient _he;
    private readonly Channel _channel;

    /// <summary>Creates the client over its key holder and the channel to the server.</summary>
    public Client(IHeClient he, Channel channel, int patience = 3)
    {
        ArgumentNullException.ThrowIfNull(he);
        ArgumentNullException.ThrowIfNull(channel);
        _he = he;
        _channel = channel;
        EarlyStopping = new EarlyStopping(patience);
    }

    /// <summary>The parameter shape shared with the server.</summary>
    public HeParameters Parameters => _he.Parameters;

    /// <summary>Encrypt/Decrypt counts of this client.</summary>
    public OpCounter Counter => _he.Counter;

    /// <summary>The client's early-stopping state.</summary>
    public EarlyStopping EarlyStopping { get; }

    /// <summary>Validation losses observed, one per epoch.</summary>
    public List<double> ValidationLosses { get; } = new();

    /// <summary>Encrypts batches of (features + bias, one-hot labels) at the top level and sends them; returns the server's copies.</summary>
    /// <exception cref="ArgumentException">A batch is larger than s0 or an index is out of range.</exception>
    public List<EncryptedBatch> EncryptBatches(BlockLayout layout, IReadOnlyList<float[]> rows, IReadOnlyList<int> labels,
        IReadOnlyList<int[]> batches, string messageType = MessageType.TrainData)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(batches);
        var result = new List<EncryptedBatch>(batches.Count);
        foreach (var idx in batches)
        {
            var bRows = new float[idx.Length][];
            var bLabels = new int[idx.Length];
            for (int i = 0; i < idx.Length; i++)
            {
                if ((uint)idx[i] >= (uint)rows.Count)
                    throw new ArgumentException($"EncryptBatches: sample index {idx[i]} is outside [0, {rows.Count}).", nameof(batches));
                bRows[i] = rows[idx[i]];
                bLabels[i] = labels[idx[i]];
            }
            var cts = new List<HeCiphertext>();
            foreach (var v in BlockEncoder.EncodeFeaturesWithBias(layout, bRows)) cts.Add(_he.Encrypt(v, Parameters.MaxLevel));
            cts.Add(_he.Encrypt(BlockEncoder.EncodeOneHot(layout, bLabels), Parameters.MaxLevel));
            var received = _channel.Send(messageType, cts);
            result.Add(new EncryptedBatch(received[..^1], received[^1], idx.Length));
        }
        return result;
    }

    /// <summary>Encrypts feature blocks only (labels stay with the client, e.g. validation) and sends them; returns the server's copies.</summary>
    public List<HeCiphertext[]> EncryptFeatureBatches(BlockLayout layout, IReadOnlyList<float[]> rows, IReadOnlyList<int[]> batches,
        string messageType = MessageType.ValidationData)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(batches);
        var result = new List<HeCiphertext[]>(batches.Count);
        foreach (var idx in batches)
        {
            var bRows = new float[idx.Length][];
            for (int i = 0; i < idx.Length; i++)
            {
                if ((uint)idx[i] >= (uint)rows.Count)
                    throw new ArgumentException($"EncryptFeatureBatches: sample index {idx[i]} is outside [0, {rows.Count}).", nameof(batches));
                bRows[i] = rows[idx[i]];
            }
            var cts = new List<HeCiphertext>();
            foreach (var v in BlockEncoder.EncodeFeaturesWithBias(layout, bRows)) cts.Add(_he.Encrypt(v, Parameters.MaxLevel));
            result.Add(_channel.Send(messageType, cts));
        }
        return result;
    }

    /// <summary>Encrypts the tiled initial model at the top level and sends it; returns the server's copy.</summary>
    public HeCiphertext[] EncryptModel(BlockLayout layout, double[,] weights)
    {
        var cts = new List<HeCiphertext>();
        foreach (var v in BlockEncoder.EncodeTiledWeights(layout, weights)) cts.Add(_he.Encrypt(v, Parameters.MaxLevel));
        return _channel.Send(MessageType.InitialModel, cts);
    }

    /// <summary>
    /// Receives encrypted validation logits (one ciphertext per validation batch, logits in columns 0 … c−1), computes the
    /// mean cross-entropy, updates early stopping and sends the decision. Returns (stop, isNewBest, loss).
    /// </summary>
    public (bool Stop, bool IsBest, double Loss) DecideOnValidation(int epoch, IReadOnlyList<HeCiphertext> logits,
        BlockLayout layout, IReadOnlyList<int[]> batches, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(batches);
        var received = _channel.Send(MessageType.ValidationLogits, logits);
        double loss = 0;
        long n = 0;
        var z = new double[layout.Classes];
        for (int b = 0; b < received.Length; b++)
        {
            var slots = _he.Decrypt(received[b]).Real;
            for (int r = 0; r < batches[b].Length; r++)
            {
                for (int j = 0; j < layout.Classes; j++) z[j] = slots[layout.Index(r, j)];
                loss += CrossEntropy(z, labels[batches[b][r]]);
                n++;
            }
        }
        loss /= Math.Max(1, n);
        ValidationLosses.Add(loss);
        var (stop, best) = EarlyStopping.Observe(epoch, loss);
        var reply = _channel.SendControl(MessageType.EarlyStopDecision, new[] { (byte)((stop ? 1 : 0) | (best ? 2 : 0)) });
        return ((reply[0] & 1) != 0, (reply[0] & 2) != 0, loss);
    }

    /// <summary>Client-aided refresh: decrypts a ciphertext the server sent and re-encrypts it at the top level.</summary>
    public HeCiphertext Reencrypt(HeCiphertext ciphertext) => _he.Encrypt(_he.Decrypt(ciphertext), Parameters.MaxLevel);

    /// <summary>Receives the encrypted final model over the channel and decrypts it into a c×d matrix.</summary>
    public double[,] ReceiveFinalModel(BlockLayout layout, IReadOnlyList<HeCiphertext> model)
    {
        var received = _channel.Send(MessageType.FinalModel, model);
        return DecryptModel(layout, received);
    }

    /// <summary>
    /// Decrypts model ciphertexts without the channel. For evaluation only (per-epoch test accuracy of the harness);
    /// not part of the protocol and not counted as communication.
    /// </summary>
    public double[,] DecryptModel(BlockLayout layout, IReadOnlyList<HeCiphertext> model)
    {
        var blocks = new SlotVector[model.Count];
        for (int i = 0; i < blocks.Length; i++) blocks[i] = _he.Decrypt(model[i]);
        return BlockEncoder.DecodeTiledWeights(layout, blocks);
    }

    /// <summary>Returns −log softmax(z)[y] computed stably in float64.</summary>
    public static double CrossEntropy(ReadOnlySpan<double> z, int y)
    {
        double max = double.NegativeInfinity;
        foreach (double v in z) max = Math.Max(max, v);
        double s = 0;
        foreach (double v in z) s += Math.Exp(v - max);
        return Math.Log(s) + max - z[y];
    }
}

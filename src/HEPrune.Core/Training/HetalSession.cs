using HEPrune.Core.He;
using HEPrune.Core.Packing;
using HEPrune.Core.Protocol;

namespace HEPrune.Core.Training;

/// <summary>
/// The live state of one encrypted training run, handed to <see cref="ITrainingHook"/>: the two parties, the channel,
/// the circuit, the current encrypted model and the encrypted training batches.
/// </summary>
public sealed class HetalSession
{
    internal HetalSession(Server server, Client client, HetalCircuit circuit, EncryptedModel model,
        IReadOnlyList<int[]> sampleIndices, HetalOptions options)
    {
        Server = server;
        Client = client;
        Circuit = circuit;
        Model = model;
        SampleIndices = sampleIndices;
        Options = options;
    }

    /// <summary>The server (evaluator only).</summary>
    public Server Server { get; }

    /// <summary>The client (secret key, decisions).</summary>
    public Client Client { get; }

    /// <summary>The channel between them.</summary>
    public Channel Channel => Server.Channel;

    /// <summary>The training circuit (forward pass, gradient, profiler, refresh policy).</summary>
    public HetalCircuit Circuit { get; }

    /// <summary>The block layout.</summary>
    public BlockLayout Layout => Circuit.Layout;

    /// <summary>The current encrypted model.</summary>
    public EncryptedModel Model { get; }

    /// <summary>Options of the run.</summary>
    public HetalOptions Options { get; }

    /// <summary>
    /// Client-side knowledge: the training-sample indices each originally encrypted batch holds (same order as the
    /// initial batch list). The server never uses it.
    /// </summary>
    public IReadOnlyList<int[]> SampleIndices { get; }

    /// <summary>Returns the encrypted approximate-softmax P of every batch under the current forward weights.</summary>
    public List<HeCiphertext> ForwardAll(IReadOnlyList<EncryptedBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var result = new List<HeCiphertext>(batches.Count);
        foreach (var b in batches)
        {
            var weights = Circuit.Profiler.Run("weights.refresh", () => EnsureForward());
            result.Add(Circuit.Probabilities(b, weights));
        }
        return result;
    }

    private IReadOnlyList<HeCiphertext> EnsureForward()
    {
        var w = Model.ForwardWeights;
        bool need = false;
        foreach (var ct in w) need |= ct.Level - Circuit.Policy.Floor < HetalCircuit.ForwardWeightDepth;
        if (!need || !Circuit.Policy.Enabled) return w;
        var r = new HeCiphertext[w.Count];
        for (int i = 0; i < r.Length; i++) r[i] = Circuit.Policy.Force(w[i], "weights.forward");
        if (Model.V is not null) Model.V = r;
        else Model.W = r;
        return r;
    }
}

using System.Security.Cryptography;
using HEPrune.Core.Features;
using HEPrune.Features.Torch.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace HEPrune.Features.Torch.TorchScript;

/// <summary>
/// Sentence features from a TorchScript text encoder with <c>forward(input_ids, attention_mask)</c> (both int64 [N, T])
/// returning one vector per sentence [N, D], tokenised by the <see cref="WordPieceTokenizer"/> of its sidecar
/// (<see cref="TokenizerSidecar"/>). This is how an online user runs the paper's paraphrase-mpnet-base-v2 on SNIPS: export
/// it with <c>tools/features/export_torchscript.py mpnet</c>, which writes the module and the sidecar.
/// </summary>
public sealed class TorchScriptTextExtractor : ITextFeatureExtractor
{
    private readonly jit.ScriptModule _module;
    private bool _disposed;

    /// <summary>Loads the module and its tokenizer sidecar, checks the module's signature and the sidecar's reference
    /// sentences, and probes the output dimension.</summary>
    /// <param name="path">The TorchScript file.</param>
    /// <param name="sidecarPath">The tokenizer sidecar; default <see cref="TokenizerSidecar.PathFor"/> of <paramref name="path"/>.</param>
    /// <param name="threads">libtorch intra-op threads (≥ 1).</param>
    /// <param name="batchSize">Texts per forward pass (≥ 1).</param>
    /// <exception cref="FileNotFoundException">The module or the sidecar does not exist.</exception>
    /// <exception cref="InvalidDataException">The sidecar is invalid or fails its checks, or the module does not take
    /// (input_ids, attention_mask) and return [N, D].</exception>
    public TorchScriptTextExtractor(string path, string? sidecarPath = null, int threads = 2, int batchSize = 64)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"TorchScript file not found: {path}", path);
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "threads must be ≥ 1");
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batch size must be ≥ 1");
        Path = System.IO.Path.GetFullPath(path);
        Sidecar = TokenizerSidecar.Load(sidecarPath ?? TokenizerSidecar.PathFor(Path));
        BatchSize = batchSize;
        WeightsHash = Hash(Path, Sidecar.Path);
        TorchNative.EnsureLoaded();
        torch.set_num_threads(threads);
        try { _module = jit.load(Path); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"{Path}: cannot be loaded as a TorchScript module ({e.Message})", e);
        }
        try
        {
            _module.eval();
            using (var probe = Run(new[] { "" }, probing: true)) Dimension = (int)probe.shape[1];
            VerifyEmbeddings();
        }
        catch
        {
            _module.Dispose();
            throw;
        }
    }

    /// <summary>Full path of the module file.</summary>
    public string Path { get; }

    /// <summary>The tokenizer sidecar.</summary>
    public TokenizerSidecar Sidecar { get; }

    /// <summary>Texts per forward pass.</summary>
    public int BatchSize { get; }

    /// <inheritdoc />
    public string Id => "torchscript";

    /// <inheritdoc />
    public int Dimension { get; private set; }

    /// <summary>SHA-256 of the module file's bytes followed by the sidecar's bytes.</summary>
    public string WeightsHash { get; }

    /// <inheritdoc />
    public string Preprocessing => Sidecar.Tokenizer.Options.Describe() + ";pad=batch-longest";

    /// <inheritdoc />
    public void Extract(IReadOnlyList<string> texts, int start, int count, Span<float> output)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(texts);
        if (start < 0 || count < 0 || start + count > texts.Count)
            throw new ArgumentOutOfRangeException(nameof(count), $"texts [{start}, {start + count}) are outside [0, {texts.Count})");
        if (output.Length != count * Dimension)
            throw new ArgumentException($"output needs {count}×{Dimension} floats; got {output.Length}");
        for (int s = 0; s < count; s += BatchSize)
        {
            int len = Math.Min(BatchSize, count - s);
            var batch = new string[len];
            for (int i = 0; i < len; i++) batch[i] = texts[start + s + i];
            using var y = Run(batch, probing: false);
            y.data<float>().CopyTo(output.Slice(s * Dimension, len * Dimension));
        }
    }

    /// <summary>Tokenises <paramref name="texts"/>, runs the module and returns a contiguous float32 [N, D] tensor.</summary>
    private Tensor Run(IReadOnlyList<string> texts, bool probing)
    {
        var b = Sidecar.Tokenizer.EncodeBatch(texts, 0, texts.Count);
        using var scope = NewDisposeScope();
        using var _ = inference_mode();
        var ids = tensor(b.InputIds, new long[] { b.Count, b.Length }, ScalarType.Int64);
        var mask = tensor(b.AttentionMask, new long[] { b.Count, b.Length }, ScalarType.Int64);
        object result;
        try { result = _module.call(ids, mask); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException(
                $"{Path}: forward(input_ids, attention_mask) with int64 [{b.Count}, {b.Length}] tensors failed; a text module must " +
                $"take the token ids and the attention mask (tools/features/export_torchscript.py mpnet). libtorch said: {FirstLine(e.Message)}", e);
        }
        if (result is not Tensor y)
            throw new InvalidDataException($"{Path}: forward returned {result?.GetType().Name ?? "null"}, expected a tensor [N, D]");
        bool ok = y.dim() == 2 && y.shape[0] == b.Count && (probing || y.shape[1] == Dimension);
        if (!ok)
            throw new InvalidDataException($"{Path}: forward returned shape [{string.Join(", ", y.shape)}], expected [{b.Count}, " +
                                           $"{(probing ? "D" : Dimension.ToString())}] (one pooled vector per text)");
        return y.to_type(ScalarType.Float32).contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>Compares the module's output on the sidecar's reference sentences with the embeddings stored at export.</summary>
    private void VerifyEmbeddings()
    {
        var checks = Sidecar.Checks.Where(c => c.Embedding is not null).ToList();
        if (checks.Count == 0) return;
        // One sentence at a time: no padding, so a long check sentence costs only its own length.
        var got = new float[checks.Count * Dimension];
        var texts = checks.Select(c => c.Text).ToList();
        for (int i = 0; i < checks.Count; i++)
            Extract(texts, i, 1, got.AsSpan(i * Dimension, Dimension));
        for (int i = 0; i < checks.Count; i++)
        {
            var want = checks[i].Embedding!;
            if (want.Length != Dimension)
                throw new InvalidDataException($"{Sidecar.Path}: the stored embedding of \"{checks[i].Text}\" has {want.Length} values, the module gives {Dimension}");
            double scale = 1, diff = 0;
            for (int j = 0; j < Dimension; j++)
            {
                scale = Math.Max(scale, Math.Abs(want[j]));
                diff = Math.Max(diff, Math.Abs(want[j] - got[i * Dimension + j]));
            }
            if (diff > EmbeddingTolerance * scale)
                throw new InvalidDataException($"{Path}: the embedding of \"{checks[i].Text}\" differs from the one stored at export in " +
                                               $"{Sidecar.Path} by up to {diff:G3} (allowed {EmbeddingTolerance * scale:G3}); module and sidecar do not belong together");
        }
    }

    /// <summary>Largest allowed |difference| between the module's output and a stored reference embedding, relative to
    /// max(1, max |reference|): float32 rounding differences are far below, a wrong tokenisation or pooling far above.</summary>
    public const double EmbeddingTolerance = 1e-3;

    private static string Hash(string module, string sidecar)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var p in new[] { module, sidecar })
        {
            using var fs = File.OpenRead(p);
            var buf = new byte[1 << 16];
            int n;
            while ((n = fs.Read(buf, 0, buf.Length)) > 0) h.AppendData(buf, 0, n);
        }
        return Convert.ToHexStringLower(h.GetHashAndReset());
    }

    private static string FirstLine(string s)
    {
        int i = s.IndexOf('\n');
        return i < 0 ? s : s[..i];
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _module.Dispose();
    }
}

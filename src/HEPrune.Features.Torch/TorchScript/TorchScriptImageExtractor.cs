using System.Security.Cryptography;
using HEPrune.Features.Torch.Images;
using TorchSharp;
using static TorchSharp.torch;

namespace HEPrune.Features.Torch.TorchScript;

/// <summary>
/// Image features from any TorchScript module (<c>torch.jit.load</c>) that maps an NCHW float32 batch to [N, D] or to a
/// token sequence [N, T, D] (then the first token, ViT's CLS, is taken). This is how an online user runs the paper's
/// ViT-B/16-in21k: export it with tools/features/export_torchscript.py, then pass the file and its preprocessing
/// (224 px, mean 0.5, std 0.5).
/// </summary>
public sealed class TorchScriptImageExtractor : TorchImageExtractor
{
    private readonly jit.ScriptModule _module;

    /// <summary>Loads the module from <paramref name="path"/> and probes its output dimension with one zero image.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The module's output is not [N, D] or [N, T, D].</exception>
    public TorchScriptImageExtractor(string path, ImagePreprocessing preprocessing, int threads = 2) : base(preprocessing, threads)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"TorchScript file not found: {path}", path);
        Path = System.IO.Path.GetFullPath(path);
        using (var fs = File.OpenRead(path)) WeightsHash = Convert.ToHexStringLower(SHA256.HashData(fs));
        _module = jit.load(path);
        _module.eval();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var y = Features(zeros(1, 3, preprocessing.Size, preprocessing.Size));
        Dimension = (int)y.shape[1];
    }

    /// <summary>Full path of the module file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public override string Id => "torchscript";

    /// <inheritdoc />
    public override int Dimension { get; }

    /// <inheritdoc />
    public override string WeightsHash { get; }

    /// <inheritdoc />
    protected override Tensor Forward(Tensor input) => Features(input);

    private Tensor Features(Tensor x)
    {
        object result = _module.call(x);
        if (result is not Tensor y)
            throw new InvalidDataException($"{Path}: forward returned {result?.GetType().Name ?? "null"}, expected a tensor");
        return y.dim() switch
        {
            2 => y,
            3 => y.select(1, 0), // first token (CLS)
            _ => throw new InvalidDataException($"{Path}: forward returned shape [{string.Join(", ", y.shape)}], expected [N, D] or [N, T, D]"),
        };
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) _module.Dispose();
        base.Dispose(disposing);
    }
}

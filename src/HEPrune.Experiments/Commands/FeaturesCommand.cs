using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using HEPrune.Core.Data;
using HEPrune.Core.Features;
using HEPrune.Experiments.Results;
using HEPrune.Features.Torch.Native;
using HEPrune.Features.Torch.Pipeline;
using HEPrune.Features.Torch.Reference;

namespace HEPrune.Experiments.Commands;

/// <summary><c>heprune features extract|status|reference</c>: frozen-extractor features, their cache, and the unencrypted reference training.</summary>
public static class FeaturesCommand
{
    /// <summary>Builds the <c>features</c> command and its subcommands.</summary>
    public static Command Create()
    {
        var cmd = new Command("features", "Extract features with a frozen pre-trained model (cached), inspect the cache, train the plaintext reference.");
        cmd.Subcommands.Add(CreateExtract(train: false));
        cmd.Subcommands.Add(CreateStatus());
        cmd.Subcommands.Add(CreateExtract(train: true));
        return cmd;
    }

    private sealed record Opts(
        Option<string[]> Dataset, Option<string?> Extractor, Option<int?> Size, Option<string?> Layer, Option<string?> Pool,
        Option<string?> TorchScript, Option<double[]?> Mean, Option<double[]?> Std, Option<int> Threads, Option<int> Batch,
        Option<int?> Limit, Option<string?> DataRoot, Option<string?> Normalize);

    private static Opts MakeOptions() => new(
        new Option<string[]>("--dataset", "-d") { Description = "Dataset(s): mnist, fashion_mnist, cifar10, dermamnist, face_mask, snips, or all.", Required = true, AllowMultipleArgumentsPerToken = true },
        new Option<string?>("--extractor", "-e") { Description = "mobilenet_v2 (images), glove (text) or torchscript; default per dataset (docs/features.md)." },
        new Option<int?>("--size") { Description = "Image input size in pixels (default 32 for mobilenet_v2, 224 for torchscript)." },
        new Option<string?>("--layer") { Description = "MobileNetV2 layer (default block_12_add; flatten_1 = nsfwjs' 1280-d pooled features)." },
        new Option<string?>("--pool") { Description = "MobileNetV2 map handling: flatten (keeps the spatial layout) or avg (global average)." },
        new Option<string?>("--torchscript") { Description = "TorchScript module file for --extractor torchscript." },
        new Option<double[]?>("--mean") { Description = "Per-channel mean after /255 (1 or 3 values).", AllowMultipleArgumentsPerToken = true },
        new Option<double[]?>("--std") { Description = "Per-channel std (1 or 3 values).", AllowMultipleArgumentsPerToken = true },
        new Option<int>("--threads") { Description = "libtorch threads.", DefaultValueFactory = _ => 2 },
        new Option<int>("--batch") { Description = "Images per forward pass.", DefaultValueFactory = _ => 64 },
        new Option<int?>("--limit") { Description = "Use only the first N samples of each split (quick runs; cached separately)." },
        new Option<string?>("--data-root") { Description = "Data root searched first." },
        new Option<string?>("--normalize") { Description = "Per-sample normalisation after the cache: none (default) or l2 (to norm 4; default for DermaMNIST)." });

    private static Command CreateExtract(bool train)
    {
        var o = MakeOptions();
        var recipe = new Option<string>("--recipe") { Description = "heprune (default) or hetal.", DefaultValueFactory = _ => "heprune" };
        var keep = new Option<double>("--keep") { Description = "Fraction of the training set kept (1 = full data).", DefaultValueFactory = _ => 1.0 };
        var score = new Option<string>("--score") { Description = "Pruning score: l1 (HEFS, exact) or l2 (EL2N).", DefaultValueFactory = _ => "l1" };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 0, Description = "Seed of the reference training." };
        var outDir = new Option<string?>("--out") { Description = "Folder to record the run in (one JSON per run plus a README.md summary), e.g. results/reference." };
        var cmd = train
            ? new Command("reference", "Train the unencrypted reference classifier on cached (or freshly extracted) features.")
            : new Command("extract", "Extract and cache features of every split of the dataset(s).");
        foreach (var opt in new Option[] { o.Dataset, o.Extractor, o.Size, o.Layer, o.Pool, o.TorchScript, o.Mean, o.Std, o.Threads, o.Batch, o.Limit, o.DataRoot, o.Normalize })
            cmd.Options.Add(opt);
        if (train)
        {
            cmd.Options.Add(recipe);
            cmd.Options.Add(keep);
            cmd.Options.Add(score);
            cmd.Options.Add(seed);
            cmd.Options.Add(outDir);
        }
        cmd.SetAction(parse =>
        {
            try
            {
                TorchNative.EnsureLoaded();
                var ids = ParseDatasets(parse.GetValue(o.Dataset)!);
                var cache = FeatureCache.Default(Console.Error.WriteLine);
                foreach (var id in ids)
                {
                    string? pool = parse.GetValue(o.Pool);
                    var options = new ExtractorOptions
                    {
                        Extractor = parse.GetValue(o.Extractor),
                        Size = parse.GetValue(o.Size),
                        Layer = parse.GetValue(o.Layer),
                        Spatial = pool is null ? null : pool switch
                        {
                            "flatten" => true,
                            "avg" => false,
                            _ => throw new ArgumentException($"--pool must be flatten or avg; got '{pool}'"),
                        },
                        TorchScriptPath = parse.GetValue(o.TorchScript),
                        Mean = parse.GetValue(o.Mean),
                        Std = parse.GetValue(o.Std),
                        Threads = parse.GetValue(o.Threads),
                        Batch = parse.GetValue(o.Batch),
                        Normalize = parse.GetValue(o.Normalize) switch
                        {
                            null => null,
                            "l2" => FeatureNormalization.L2,
                            "none" => FeatureNormalization.None,
                            var v => throw new ArgumentException($"--normalize must be l2 or none; got '{v}'"),
                        },
                    }.Resolve(id);
                    var data = DatasetLoader.Load(id, new DataLoadOptions { DataRoot = parse.GetValue(o.DataRoot) });
                    foreach (var w in data.Warnings) Console.Error.WriteLine($"warning: {w}");
                    using var extractor = FeaturePipeline.Create(options, Console.Error.WriteLine);
                    Console.WriteLine($"{data.Name}: extractor {extractor.Id} ({extractor.Dimension}-d; {extractor.Preprocessing}; weights {extractor.WeightsHash[..12]}; then {options.Normalize} normalisation{(options.Normalize == FeatureNormalization.L2 ? $" to norm {options.NormTarget}" : "")})");
                    var sw = Stopwatch.StartNew();
                    var features = FeaturePipeline.Extract(data, extractor, cache, parse.GetValue(o.Limit), options.Batch, new ConsoleProgress(), options.Normalize ?? FeatureNormalization.None, options.NormTarget);
                    foreach (var e in features.Entries)
                        Console.WriteLine($"  {e.Sidecar.Split,-18} {e.Rows,7} × {e.Dim}  {(e.FromCache ? "cached" : "extracted")}  {e.Sidecar.ItemsPerSecond,8:F1} items/s  {e.Path}");
                    if (train)
                    {
                        var started = DateTimeOffset.UtcNow;
                        var trainWatch = Stopwatch.StartNew();
                        var (used, result) = RunReference(id, features, parse.GetValue(recipe)!, parse.GetValue(keep), parse.GetValue(score)!, parse.GetValue(seed));
                        if (parse.GetValue(outDir) is { } dir)
                        {
                            var record = MakeRecord(data, extractor, options, features, parse.GetValue(recipe)!, used, result, started, trainWatch.Elapsed.TotalSeconds);
                            Console.WriteLine($"  recorded: {ReferenceRecords.Write(dir, record)}");
                        }
                    }
                    Console.WriteLine($"  ({sw.Elapsed.TotalSeconds:F1} s)");
                }
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or DatasetNotFoundException or DirectoryNotFoundException or FileNotFoundException or InvalidDataException or InvalidOperationException or RecordFormatException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 2;
            }
        });
        return cmd;
    }

    private static ReferenceRecord MakeRecord(DatasetSplits data, IFeatureExtractor extractor, ExtractorOptions options, DatasetFeatures f,
        string recipeName, ReferenceRecipe recipe, ReferenceResult result, DateTimeOffset started, double seconds) => new()
    {
        Dataset = f.Dataset,
        Extractor = extractor.Id,
        Preprocessing = extractor.Preprocessing,
        WeightsHash = extractor.WeightsHash,
        Normalization = (options.Normalize ?? FeatureNormalization.None) == FeatureNormalization.L2
            ? string.Create(CultureInfo.InvariantCulture, $"l2-{options.NormTarget:0.##}") : "none",
        Recipe = recipeName,
        Lr = recipe.Lr,
        Batch = recipe.Batch,
        Epochs = recipe.Epochs,
        Keep = recipe.Keep,
        Score = recipe.Keep < 1 ? (recipe.Score == ErrorScore.L1 ? "l1" : "l2") : "none",
        Seed = recipe.Seed,
        BestTestAccuracy = result.BestTestAccuracy,
        BestEpoch = result.BestEpoch,
        TestAccuracyAtBestVal = result.TestAccuracyAtBestVal,
        TrainSeconds = seconds,
        Splits = f.Entries.Select(e => new ReferenceSplit(e.Sidecar.Split, e.Rows, e.Dim, e.Sidecar.DataChecksum, e.Sidecar.FileSha256, e.Sidecar.ItemsPerSecond)).ToList(),
        History = result.Epochs.Select(e => new ReferenceEpoch(e.Epoch, e.Kept, e.TrainLoss, e.ValLoss, e.TestAccuracy)).ToList(),
        Provenance = new Provenance(EnvironmentProbe.GitCommit(Environment.CurrentDirectory), EnvironmentProbe.ToolVersion(),
            EnvironmentProbe.Machine(), started, DateTimeOffset.UtcNow, seconds),
        Warnings = data.Warnings.ToList(),
    };

    private static (ReferenceRecipe Recipe, ReferenceResult Result) RunReference(DatasetId id, DatasetFeatures f, string recipeName, double keep, string score, int seed)
    {
        var recipe = recipeName switch
        {
            "heprune" => ReferenceRecipe.HEPrune(id.Name(), keep),
            "hetal" => ReferenceRecipe.Hetal(id.Name()) with { Keep = keep },
            _ => throw new ArgumentException($"--recipe must be heprune or hetal; got '{recipeName}'"),
        };
        recipe = recipe with
        {
            Seed = seed,
            Score = score switch { "l1" => ErrorScore.L1, "l2" => ErrorScore.L2, _ => throw new ArgumentException($"--score must be l1 or l2; got '{score}'") },
        };
        var result = ReferenceTrainer.Train(f.Train, f.Test, recipe, f.Val, e =>
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  epoch {e.Epoch,2}: kept {e.Kept,6}  train loss {e.TrainLoss:F4}  val loss {e.ValLoss:F4}  test acc {e.TestAccuracy:P2}{(e.Reselected ? "  (subset selected)" : "")}")));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  reference ({recipeName}, keep {keep}, lr {recipe.Lr}, batch {recipe.Batch}, epochs {recipe.Epochs}, seed {seed}): best test accuracy {result.BestTestAccuracy:P2} at epoch {result.BestEpoch}; at min val loss {result.TestAccuracyAtBestVal:P2}"));
        return (recipe, result);
    }

    private static Command CreateStatus()
    {
        var cmd = new Command("status", "List cached features: dataset, split, shape, extractor, size, throughput, age.");
        cmd.SetAction(_ =>
        {
            var cache = FeatureCache.Default();
            var list = cache.List();
            Console.WriteLine($"feature cache: {cache.Root} ({list.Count} entries)");
            foreach (var (path, m) in list)
            {
                long bytes = File.Exists(path) ? new FileInfo(path).Length : -1;
                string state = bytes == m.Bytes ? "ok" : bytes < 0 ? "MISSING" : "SIZE MISMATCH";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {m.Dataset,-14} {m.Split,-18} {m.Shape[0],7} × {m.Shape[1],-5} {m.Extractor,-13} {bytes / 1048576.0,8:F1} MiB  {m.ItemsPerSecond,8:F1} items/s  {m.CreatedAt[..19]}  {state}"));
                Console.WriteLine($"      {m.Preprocessing}");
            }
            foreach (var dir in Directory.Exists(cache.Root) ? Directory.EnumerateDirectories(cache.Root, "*.partial-*", SearchOption.AllDirectories) : [])
                Console.WriteLine($"  unfinished (resumable): {dir} ({Directory.EnumerateFiles(dir, "chunk-*.npy").Count()} chunks)");
            return 0;
        });
        return cmd;
    }

    private static List<DatasetId> ParseDatasets(string[] names)
    {
        var ids = new List<DatasetId>();
        foreach (var n in names.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries)))
        {
            if (n == "all") ids.AddRange(DatasetIds.All);
            else ids.Add(DatasetIds.Parse(n));
        }
        return ids.Distinct().ToList();
    }

    private sealed class ConsoleProgress : IProgress<ExtractionProgress>
    {
        public void Report(ExtractionProgress p)
        {
            string line = string.Create(CultureInfo.InvariantCulture,
                $"  {p.Dataset}/{p.Split}: {p.Done}/{p.Total} ({100.0 * p.Done / Math.Max(1, p.Total):F0}%), {p.ItemsPerSecond:F1} items/s");
            if (Console.IsErrorRedirected) Console.Error.WriteLine(line);
            else Console.Error.Write("\r" + line.PadRight(78) + (p.Done == p.Total ? "\n" : ""));
        }
    }
}

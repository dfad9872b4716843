using HEPrune.Core.IO;

namespace HEPrune.Core.Data.Status;

/// <summary>Builds the <see cref="DatasetStatus"/> of every dataset: location, checksums, split sizes and per-class counts vs the published ones.</summary>
public static class DataStatusCollector
{
    /// <summary>Collects the status of all datasets (or those in <paramref name="only"/>); hashes go through <paramref name="hashes"/> (null: no hashing).</summary>
    public static IReadOnlyList<DatasetStatus> Collect(DataLoadOptions options, FileHashCache? hashes, IEnumerable<DatasetId>? only = null)
    {
        var locator = new DataLocator(options.DataRoot);
        var list = new List<DatasetStatus>();
        foreach (DatasetId id in only ?? DatasetIds.All)
        {
            list.Add(Collect(id, locator, options, hashes));
        }

        hashes?.Save();
        return list;
    }

    /// <summary>Collects the status of one dataset.</summary>
    public static DatasetStatus Collect(DatasetId id, DataLocator locator, DataLoadOptions options, FileHashCache? hashes)
    {
        DatasetLocation loc = locator.Locate(id);
        if (!loc.Found)
        {
            return new DatasetStatus
            {
                Dataset = id.Name(),
                Found = false,
                Searched = loc.Searched,
                HowToGet = DatasetLayout.HowToGet(id),
            };
        }

        string dir = loc.Directory!;
        var files = Files(id, dir, hashes);
        try
        {
            DatasetSplits d = DatasetLoader.LoadFrom(id, dir, options);
            var splits = d.Splits.Select(s => new SplitStatus(s.Name, s.Count, s.CountPerClass(d.NumClasses), s.Warning)).ToList();
            var (match, detail) = CompareCounts(id, d, options.Cifar10Test);
            var warnings = d.Warnings.ToList();
            if (files.Any(f => f.State == ChecksumState.Mismatch))
            {
                warnings.Add("checksum mismatch: at least one file differs from the published version");
            }

            return new DatasetStatus
            {
                Dataset = id.Name(),
                Found = true,
                Directory = dir,
                Origin = loc.Origin,
                Searched = loc.Searched,
                Files = files,
                ClassNames = d.ClassNames,
                Splits = splits,
                CountsMatchPublished = match,
                CountsDetail = detail,
                Warnings = warnings,
            };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return new DatasetStatus
            {
                Dataset = id.Name(),
                Found = true,
                Directory = dir,
                Origin = loc.Origin,
                Searched = loc.Searched,
                Files = files,
                Error = ex.Message,
            };
        }
    }

    private static List<FileStatus> Files(DatasetId id, string dir, FileHashCache? hashes)
    {
        var result = new List<FileStatus>();
        foreach (string name in DatasetLayout.RequiredFiles(id).Concat(DatasetLayout.OptionalFiles(id)))
        {
            string? path = DatasetLayout.FindFile(dir, name);
            if (path is null)
            {
                continue;
            }

            long bytes = new FileInfo(path).Length;
            string file = Path.GetFileName(path);
            if (hashes is null)
            {
                result.Add(new FileStatus(path, bytes, null, null, null, ChecksumState.NotChecked));
            }
            else if (KnownChecksums.Sha256.TryGetValue((id, file), out string? sha))
            {
                string actual = hashes.Sha256(path);
                result.Add(new FileStatus(path, bytes, "sha256", actual, sha, actual == sha ? ChecksumState.Match : ChecksumState.Mismatch));
            }
            else if (KnownChecksums.Md5.TryGetValue((id, file), out string? md5))
            {
                // Official .gz archives have published md5s; recompressed copies (Debian) legitimately differ, so a
                // difference is reported as "no reference" and the content is judged by the label counts.
                string actual = hashes.Md5(path);
                result.Add(new FileStatus(path, bytes, "md5", actual, md5, actual == md5 ? ChecksumState.Match : ChecksumState.NoReference));
            }
            else
            {
                result.Add(new FileStatus(path, bytes, null, null, null, ChecksumState.NoReference));
            }
        }

        return result;
    }

    /// <summary>Compares loaded per-class counts with <see cref="PublishedCounts"/>.</summary>
    public static (bool Match, string Detail) CompareCounts(DatasetId id, DatasetSplits d, Cifar10TestSplit cifarTest = Cifar10TestSplit.Official)
    {
        var published = PublishedCounts.For(id, d.Test.Count)!.Value;
        int c = d.NumClasses;
        var problems = new List<string>();
        if (published.TrainVal is { } tv)
        {
            int[] sum = d.Train.CountPerClass(c).Zip(d.Val.CountPerClass(c), (a, b) => a + b).ToArray();
            bool holdout = id == DatasetId.Cifar10 && cifarTest == Cifar10TestSplit.Holdout;
            if (holdout)
            {
                int[] test = d.Test.CountPerClass(c);
                sum = sum.Zip(test, (a, b) => a + b).ToArray();
            }

            Compare("official train", tv, sum, problems);
            if (!holdout)
            {
                Compare("official test", published.Test, d.Test.CountPerClass(c), problems);
            }
        }
        else
        {
            Compare("train", published.Train!, d.Train.CountPerClass(c), problems);
            Compare("val", published.Val!, d.Val.CountPerClass(c), problems);
            Compare("test", published.Test, d.Test.CountPerClass(c), problems);
        }

        string source = id is DatasetId.Mnist or DatasetId.FashionMnist ? "official label counts" : "counts in shared/datasets/README.md";
        return problems.Count == 0 ? (true, $"per-class counts equal the {source}") : (false, string.Join("; ", problems));
    }

    private static void Compare(string what, IReadOnlyList<int> expected, int[] actual, List<string> problems)
    {
        if (!expected.SequenceEqual(actual))
        {
            problems.Add($"{what}: expected [{string.Join(", ", expected)}], found [{string.Join(", ", actual)}]");
        }
    }
}

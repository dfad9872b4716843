namespace HEPrune.Core.Data;

/// <summary>A dataset loaded with HETAL's train/val/test splits: the common input of feature extraction and experiments.</summary>
public sealed class DatasetSplits
{
    /// <summary>Bundles the three splits of dataset <paramref name="id"/>.</summary>
    public DatasetSplits(DatasetId id, IReadOnlyList<string> classNames, DataSplit train, DataSplit val, DataSplit test, string source)
    {
        Id = id;
        ClassNames = classNames;
        Train = train;
        Val = val;
        Test = test;
        Source = source;
        foreach (DataSplit s in Splits)
        {
            s.CountPerClass(classNames.Count); // validates every label
        }
    }

    /// <summary>The dataset.</summary>
    public DatasetId Id { get; }

    /// <summary>The string id, e.g. <c>cifar10</c>.</summary>
    public string Name => Id.Name();

    /// <summary>Class names indexed by label.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The number of classes.</summary>
    public int NumClasses => ClassNames.Count;

    /// <summary>The training split.</summary>
    public DataSplit Train { get; }

    /// <summary>The validation split.</summary>
    public DataSplit Val { get; }

    /// <summary>The test split.</summary>
    public DataSplit Test { get; }

    /// <summary>Where the data was read from (a directory or file list).</summary>
    public string Source { get; }

    /// <summary>The three splits in the order train, val, test.</summary>
    public IReadOnlyList<DataSplit> Splits => [Train, Val, Test];

    /// <summary>The warnings of all splits (empty when there are none).</summary>
    public IReadOnlyList<string> Warnings => Splits.Where(s => s.Warning is not null).Select(s => $"{Name}/{s.Name}: {s.Warning}").ToList();

    /// <summary>Returns the split named <c>train</c>, <c>val</c> or <c>test</c>.</summary>
    public DataSplit this[string split] => split switch
    {
        "train" => Train,
        "val" or "valid" or "validation" or "dev" => Val,
        "test" => Test,
        _ => throw new ArgumentException($"unknown split '{split}' (train, val, test)", nameof(split)),
    };
}

namespace HEPrune.Core.Data;

/// <summary>One split (train, val or test) of a dataset: labels plus either images or texts, in a fixed order.</summary>
public sealed class DataSplit
{
    /// <summary>Creates a split; exactly one of <paramref name="images"/> and <paramref name="texts"/> must be given, with one entry per label.</summary>
    public DataSplit(string name, int[] labels, ImageData? images, string[]? texts, int[] sourceIndices, string? warning = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(sourceIndices);
        if ((images is null) == (texts is null))
        {
            throw new ArgumentException("a split holds either images or texts");
        }

        int n = images?.Count ?? texts!.Length;
        if (n != labels.Length || sourceIndices.Length != labels.Length)
        {
            throw new ArgumentException($"split '{name}': {n} items, {labels.Length} labels and {sourceIndices.Length} source indices differ");
        }

        Name = name;
        Labels = labels;
        Images = images;
        Texts = texts;
        SourceIndices = sourceIndices;
        Warning = warning;
    }

    /// <summary>The split name: <c>train</c>, <c>val</c> or <c>test</c>.</summary>
    public string Name { get; }

    /// <summary>The number of examples.</summary>
    public int Count => Labels.Length;

    /// <summary>The class label of each example (0-based).</summary>
    public int[] Labels { get; }

    /// <summary>The images (image datasets), else null.</summary>
    public ImageData? Images { get; }

    /// <summary>The texts (SNIPS), else null.</summary>
    public string[]? Texts { get; }

    /// <summary>For each example, its index in the source it was taken from (e.g. the official training set), so splits can be audited.</summary>
    public int[] SourceIndices { get; }

    /// <summary>A caveat about this split (e.g. CIFAR-10's partial test set), or null.</summary>
    public string? Warning { get; }

    /// <summary>Returns how many examples carry each label 0..<paramref name="numClasses"/>-1; throws if a label is out of range.</summary>
    public int[] CountPerClass(int numClasses)
    {
        var counts = new int[numClasses];
        foreach (int y in Labels)
        {
            if ((uint)y >= (uint)numClasses)
            {
                throw new InvalidOperationException($"split '{Name}' has label {y}, outside [0, {numClasses})");
            }

            counts[y]++;
        }

        return counts;
    }
}

using System.Text;
using HEPrune.Core.IO;

namespace HEPrune.Core.Data.Loaders;

/// <summary>Loads SNIPS intents from the StackPropagation-SLU files (train.txt, dev.txt as val, test.txt).</summary>
/// <remarks>
/// Each line is <c>token slot-tag</c>; a line holding a single field is the utterance's intent and closes it; a blank
/// line follows. The text is the tokens joined by single spaces.
/// </remarks>
public static class SnipsLoader
{
    /// <summary>Intent names by label (HETAL's ids).</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["PlayMusic", "GetWeather", "BookRestaurant", "AddToPlaylist", "RateBook", "SearchCreativeWork", "SearchScreeningEvent"];

    /// <summary>Loads the three files from <paramref name="dir"/>.</summary>
    public static DatasetSplits Load(string dir) => new(
        DatasetId.Snips,
        ClassNames,
        ReadFile(Path.Combine(dir, "train.txt"), "train"),
        ReadFile(Path.Combine(dir, "dev.txt"), "val"),
        ReadFile(Path.Combine(dir, "test.txt"), "test"),
        dir);

    /// <summary>Parses one SLU file into a split named <paramref name="split"/>.</summary>
    public static DataSplit ReadFile(string path, string split)
    {
        var texts = new List<string>();
        var labels = new List<int>();
        var tokens = new List<string>();
        int lineNo = 0;
        using var reader = new StreamReader(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
        string? line;
        try
        {
            while ((line = reader.ReadLine()) is not null)
            {
                lineNo++;
                string t = line.Trim();
                if (t.Length == 0)
                {
                    if (tokens.Count > 0)
                    {
                        throw new DataFormatException(path, $"line {lineNo}: blank line inside an utterance (no intent line before it)");
                    }

                    continue;
                }

                string[] fields = t.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length == 2)
                {
                    tokens.Add(fields[0]);
                    continue;
                }

                if (fields.Length != 1)
                {
                    throw new DataFormatException(path, $"line {lineNo}: expected 'token slot' or a single intent, found {fields.Length} fields");
                }

                int label = IndexOf(fields[0]);
                if (label < 0)
                {
                    throw new DataFormatException(path, $"line {lineNo}: unknown intent '{fields[0]}' (known: {string.Join(", ", ClassNames)})");
                }

                if (tokens.Count == 0)
                {
                    throw new DataFormatException(path, $"line {lineNo}: intent '{fields[0]}' closes an empty utterance");
                }

                texts.Add(string.Join(' ', tokens));
                labels.Add(label);
                tokens.Clear();
            }
        }
        catch (DecoderFallbackException ex)
        {
            throw new DataFormatException(path, $"invalid UTF-8 after line {lineNo}", ex);
        }

        if (tokens.Count > 0)
        {
            throw new DataFormatException(path, $"file ends inside an utterance ({tokens.Count} tokens without an intent line): truncated?");
        }

        if (texts.Count == 0)
        {
            throw new DataFormatException(path, "no utterances found");
        }

        return new DataSplit(split, labels.ToArray(), null, texts.ToArray(), MnistLoader.Identity(texts.Count));
    }

    private static int IndexOf(string intent)
    {
        for (int i = 0; i < ClassNames.Count; i++)
        {
            if (ClassNames[i] == intent)
            {
                return i;
            }
        }

        return -1;
    }
}

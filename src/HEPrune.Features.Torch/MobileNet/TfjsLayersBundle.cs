using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace HEPrune.Features.Torch.MobileNet;

/// <summary>One weight tensor of a TF.js layers model, de-quantised to float32, in the stored (Keras) layout.</summary>
/// <param name="Name">Weight name, e.g. <c>Conv1/kernel</c>.</param>
/// <param name="Shape">Keras shape (HWIO for convolutions).</param>
/// <param name="Values">Values in row-major order of <paramref name="Shape"/>.</param>
public sealed record TfjsWeight(string Name, int[] Shape, float[] Values);

/// <summary>
/// Reads a TF.js Keras layers model shipped as JavaScript bundles (as in the npm package nsfwjs): the topology and
/// weights manifest from <c>model.min.js</c> and base64 weight shards from <c>group1-shard*.min.js</c>. uint8-quantised
/// weights are de-quantised as value = min + q·scale.
/// </summary>
public sealed class TfjsLayersBundle
{
    private TfjsLayersBundle(JsonObject topology, IReadOnlyDictionary<string, TfjsWeight> weights, string hash)
    {
        Topology = topology;
        Weights = weights;
        ContentHash = hash;
    }

    /// <summary>The <c>modelTopology</c> object (Keras model config).</summary>
    public JsonObject Topology { get; }

    /// <summary>All weights by name.</summary>
    public IReadOnlyDictionary<string, TfjsWeight> Weights { get; }

    /// <summary>Hex SHA-256 over the model bundle and the shard files (identifies the exact weights).</summary>
    public string ContentHash { get; }

    /// <summary>The Keras layer list of the functional model.</summary>
    public JsonArray Layers => (JsonArray)Topology["model_config"]!["config"]!["layers"]!;

    /// <summary>Loads the bundle <c>model.min.js</c> and its shards from <paramref name="directory"/>.</summary>
    /// <exception cref="FileNotFoundException">A bundle file is missing.</exception>
    /// <exception cref="InvalidDataException">A file does not have the expected structure.</exception>
    public static TfjsLayersBundle Load(string directory)
    {
        string modelPath = Path.Combine(directory, "model.min.js");
        if (!File.Exists(modelPath))
            throw new FileNotFoundException($"TF.js model bundle not found: {modelPath}", modelPath);
        string js = File.ReadAllText(modelPath);
        int at = js.IndexOf("{modelTopology:", StringComparison.Ordinal);
        if (at < 0) at = js.IndexOf("{\"modelTopology\":", StringComparison.Ordinal);
        if (at < 0) throw new InvalidDataException($"{modelPath}: no 'modelTopology' object found");
        var root = JsLiteralParser.Parse(js, at, modelPath) as JsonObject
                   ?? throw new InvalidDataException($"{modelPath}: the model literal is not an object");
        var topology = root["modelTopology"] as JsonObject ?? throw new InvalidDataException($"{modelPath}: no modelTopology");
        var manifest = root["weightsManifest"] as JsonArray ?? throw new InvalidDataException($"{modelPath}: no weightsManifest");

        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes(js));
        var weights = new Dictionary<string, TfjsWeight>(StringComparer.Ordinal);
        foreach (var group in manifest)
        {
            var bytes = new MemoryStream();
            foreach (var p in (JsonArray)group!["paths"]!)
            {
                string shardPath = Path.Combine(directory, p!.GetValue<string>() + ".min.js");
                byte[] shard = ReadShard(shardPath);
                sha.AppendData(shard);
                bytes.Write(shard);
            }
            Decode((JsonArray)group["weights"]!, bytes.ToArray(), modelPath, weights);
        }
        return new TfjsLayersBundle(topology, weights, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }

    private static byte[] ReadShard(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"TF.js weight shard not found: {path}", path);
        string text = File.ReadAllText(path);
        int at = text.IndexOf("exports=\"", StringComparison.Ordinal);
        if (at < 0) throw new InvalidDataException($"{path}: no base64 string assigned to exports");
        at += "exports=\"".Length;
        int end = text.IndexOf('"', at);
        if (end < 0) throw new InvalidDataException($"{path}: unterminated base64 string");
        try
        {
            return Convert.FromBase64String(text[at..end]);
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"{path}: the weight string is not valid base64", e);
        }
    }

    private static void Decode(JsonArray specs, byte[] data, string source, Dictionary<string, TfjsWeight> into)
    {
        int offset = 0;
        foreach (var spec in specs)
        {
            string name = spec!["name"]!.GetValue<string>();
            int[] shape = ((JsonArray)spec["shape"]!).Select(d => d!.GetValue<int>()).ToArray();
            long count = 1;
            foreach (int d in shape) count *= d;
            var values = new float[count];
            var q = spec["quantization"] as JsonObject;
            if (q is null)
            {
                if (spec["dtype"]?.GetValue<string>() is { } dt && dt != "float32")
                    throw new InvalidDataException($"{source}: weight {name} has unsupported dtype {dt}");
                Need(offset, count * 4, data.Length, name, source);
                Buffer.BlockCopy(data, offset, values, 0, (int)count * 4);
                offset += (int)count * 4;
            }
            else
            {
                string qt = q["dtype"]!.GetValue<string>();
                if (qt != "uint8")
                    throw new InvalidDataException($"{source}: weight {name} uses quantisation {qt}; only uint8 is supported");
                double min = q["min"]!.GetValue<double>(), scale = q["scale"]!.GetValue<double>();
                Need(offset, count, data.Length, name, source);
                for (int i = 0; i < count; i++) values[i] = (float)(min + data[offset + i] * scale);
                offset += (int)count;
            }
            into[name] = new TfjsWeight(name, shape, values);
        }
        if (offset != data.Length)
            throw new InvalidDataException($"{source}: the manifest describes {offset} bytes but the shards hold {data.Length}");
    }

    private static void Need(int offset, long count, int length, string name, string source)
    {
        if (offset + count > length)
            throw new InvalidDataException($"{source}: weight {name} needs bytes up to {offset + count} but the shards hold {length}");
    }
}

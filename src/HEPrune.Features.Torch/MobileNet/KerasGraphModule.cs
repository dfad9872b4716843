using System.Text.Json.Nodes;
using TorchSharp;
using static TorchSharp.torch;

namespace HEPrune.Features.Torch.MobileNet;

/// <summary>
/// A TorchSharp module that executes the convolutional part of a Keras functional model (the layer types MobileNetV2
/// uses) with weights imported from a <see cref="TfjsLayersBundle"/>. Input is NCHW float32; the output is the
/// activation of the chosen output layer. Batch normalisation (epsilon from the layer config, 1e-3 in MobileNetV2) is
/// folded into the preceding convolution.
/// </summary>
/// <remarks>
/// Layout conversions: Conv2D kernels HWIO → OIHW, depthwise kernels HWC1 → C1HW. Keras 'same' padding is supported for
/// stride 1 (symmetric); stride-2 convolutions in MobileNetV2 are 'valid' after an explicit asymmetric ZeroPadding2D
/// ((0,1),(0,1)), which is applied as such. AveragePooling2D is applied as a global average pool (at 224×224 the 7×7 pool
/// of MobileNetV2 is global), so any input size works.
/// </remarks>
public sealed class KerasGraphModule : nn.Module<Tensor, Tensor>
{
    private readonly List<Op> _ops = new();
    private readonly string _input;
    private readonly string _output;

    /// <summary>Builds the graph up to and including <paramref name="outputLayer"/>.</summary>
    /// <exception cref="InvalidDataException">The topology uses an unsupported layer or setting, or a weight is missing.</exception>
    public KerasGraphModule(TfjsLayersBundle bundle, string outputLayer) : base("KerasGraph")
    {
        _output = outputLayer;
        var consumers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var l in bundle.Layers)
            foreach (var src in Inputs(l!))
                consumers[src] = consumers.GetValueOrDefault(src) + 1;

        var byName = new Dictionary<string, Op>(StringComparer.Ordinal);
        var alias = new Dictionary<string, string>(StringComparer.Ordinal);
        string? input = null;
        bool reached = false;
        foreach (var node in bundle.Layers)
        {
            var l = (JsonObject)node!;
            string name = l["name"]!.GetValue<string>();
            string kind = l["class_name"]!.GetValue<string>();
            var cfg = (JsonObject)l["config"]!;
            var ins = Inputs(l).Select(s => alias.GetValueOrDefault(s, s)).ToArray();
            if (kind == "InputLayer")
            {
                input = name;
            }
            else if (kind == "BatchNormalization" && ins.Length == 1 && byName.TryGetValue(ins[0], out var prev) &&
                     prev.Kind is OpKind.Conv && consumers.GetValueOrDefault(prev.Name) == 1)
            {
                FoldBatchNorm(prev, bundle, name, cfg);
                alias[name] = prev.Name;
            }
            else
            {
                var op = Build(kind, name, cfg, ins, bundle);
                _ops.Add(op);
                byName[name] = op;
            }
            if (name == outputLayer) { reached = true; break; }
        }
        _input = input ?? throw new InvalidDataException("the model has no InputLayer");
        if (!reached) throw new InvalidDataException($"output layer '{outputLayer}' is not in the model");
        _output = alias.GetValueOrDefault(outputLayer, outputLayer);
        int k = 0;
        foreach (var op in _ops)
        {
            if (op.Weight is not null) register_buffer($"w{k}_{op.Name}", op.Weight);
            if (op.Bias is not null) register_buffer($"b{k}_{op.Name}", op.Bias);
            k++;
        }
    }

    /// <summary>When the output layer is convolutional: flatten its map (true) instead of global average pooling (false).</summary>
    public bool SpatialFlatten { get; init; }

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        var values = new Dictionary<string, Tensor>(StringComparer.Ordinal) { [_input] = x };
        foreach (var op in _ops)
        {
            var a = values[op.Inputs[0]];
            Tensor y = op.Kind switch
            {
                OpKind.Pad => nn.functional.pad(a, op.Pad!),
                OpKind.Conv => nn.functional.conv2d(a, op.Weight!, op.Bias, op.Stride, op.Padding, groups: op.Groups),
                OpKind.Affine => a * op.Weight!.view(1, -1, 1, 1) + op.Bias!.view(1, -1, 1, 1),
                OpKind.Relu => op.MaxValue is double m ? a.clamp(0.0, m) : nn.functional.relu(a),
                OpKind.Add => AddAll(values, op.Inputs),
                OpKind.GlobalAvgPool => a.mean(new long[] { 2, 3 }),
                OpKind.Flatten => a.dim() == 2 ? a.alias() : a.permute(0, 2, 3, 1).reshape(a.shape[0], -1),
                _ => throw new InvalidOperationException(op.Kind.ToString()),
            };
            values[op.Name] = y;
        }
        var result = values[_output];
        if (result.dim() != 4) return result;
        // A 4-D output (an intermediate convolutional layer) is either globally average-pooled to [N, C] or flattened
        // in Keras' NHWC order to [N, H·W·C], which keeps the spatial layout.
        return SpatialFlatten ? result.permute(0, 2, 3, 1).reshape(result.shape[0], -1) : result.mean(new long[] { 2, 3 });
    }

    private static Tensor AddAll(Dictionary<string, Tensor> values, string[] names)
    {
        var sum = values[names[0]] + values[names[1]];
        for (int i = 2; i < names.Length; i++) sum = sum + values[names[i]];
        return sum;
    }

    private static string[] Inputs(JsonNode layer)
    {
        var nodes = layer["inbound_nodes"] as JsonArray;
        if (nodes is null || nodes.Count == 0) return System.Array.Empty<string>();
        if (nodes.Count > 1) throw new InvalidDataException($"layer {layer["name"]} is shared (several inbound nodes); not supported");
        return ((JsonArray)nodes[0]!).Select(n => n![0]!.GetValue<string>()).ToArray();
    }

    private static Op Build(string kind, string name, JsonObject cfg, string[] ins, TfjsLayersBundle bundle)
    {
        if (ins.Length == 0) throw new InvalidDataException($"layer {name} has no input");
        var op = new Op(name, ins);
        switch (kind)
        {
            case "ZeroPadding2D":
            {
                var p = (JsonArray)cfg["padding"]!;
                int top = p[0]![0]!.GetValue<int>(), bottom = p[0]![1]!.GetValue<int>();
                int left = p[1]![0]!.GetValue<int>(), right = p[1]![1]!.GetValue<int>();
                op.Kind = OpKind.Pad;
                op.Pad = new long[] { left, right, top, bottom };
                break;
            }
            case "Conv2D":
            case "DepthwiseConv2D":
            {
                bool depthwise = kind == "DepthwiseConv2D";
                RequireLinear(cfg, name);
                int[] stride = Ints(cfg["strides"]!);
                int[] dilation = Ints(cfg["dilation_rate"]!);
                if (dilation[0] != 1 || dilation[1] != 1) throw new InvalidDataException($"layer {name}: dilation is not supported");
                var w = Weight(bundle, name + (depthwise ? "/depthwise_kernel" : "/kernel"));
                int kh = w.Shape[0], kw = w.Shape[1];
                if (depthwise && w.Shape[3] != 1) throw new InvalidDataException($"layer {name}: depth multiplier {w.Shape[3]} is not supported");
                using var hwio = tensor(w.Values, w.Shape.Select(d => (long)d).ToArray());
                // Conv2D: HWIO → OIHW (groups 1). Depthwise: HWC1 → C1HW (groups C).
                op.Weight = (depthwise ? hwio.permute(2, 3, 0, 1) : hwio.permute(3, 2, 0, 1)).contiguous();
                op.Groups = depthwise ? w.Shape[2] : 1;
                if (cfg["use_bias"]?.GetValue<bool>() == true)
                {
                    var b = Weight(bundle, name + (depthwise ? "/depthwise_bias" : "/bias"));
                    op.Bias = tensor(b.Values);
                }
                op.Stride = new long[] { stride[0], stride[1] };
                string padding = cfg["padding"]!.GetValue<string>();
                if (padding == "same")
                {
                    if (stride[0] != 1 || stride[1] != 1 || kh % 2 == 0 || kw % 2 == 0)
                        throw new InvalidDataException($"layer {name}: 'same' padding is only supported for stride 1 and odd kernels");
                    op.Padding = new long[] { kh / 2, kw / 2 };
                }
                else if (padding == "valid") op.Padding = new long[] { 0, 0 };
                else throw new InvalidDataException($"layer {name}: padding '{padding}' is not supported");
                op.Kind = OpKind.Conv;
                break;
            }
            case "BatchNormalization":
            {
                var (scale, shift) = BatchNormAffine(bundle, name, cfg);
                op.Kind = OpKind.Affine;
                op.Weight = tensor(scale);
                op.Bias = tensor(shift);
                break;
            }
            case "ReLU":
            {
                if ((cfg["negative_slope"]?.GetValue<double>() ?? 0) != 0 || (cfg["threshold"]?.GetValue<double>() ?? 0) != 0)
                    throw new InvalidDataException($"layer {name}: only plain ReLU / ReLU6 is supported");
                op.Kind = OpKind.Relu;
                op.MaxValue = cfg["max_value"]?.GetValue<double>();
                break;
            }
            case "Add": op.Kind = OpKind.Add; break;
            case "AveragePooling2D":
            case "GlobalAveragePooling2D": op.Kind = OpKind.GlobalAvgPool; break;
            case "Flatten": op.Kind = OpKind.Flatten; break;
            default: throw new InvalidDataException($"layer {name}: Keras layer type {kind} is not supported");
        }
        return op;
    }

    private static void FoldBatchNorm(Op conv, TfjsLayersBundle bundle, string name, JsonObject cfg)
    {
        var (scale, shift) = BatchNormAffine(bundle, name, cfg);
        using var s = tensor(scale);
        var w = conv.Weight!;
        // Output channels are dim 0 in both OIHW and the depthwise C1HW layout.
        conv.Weight = (w * s.view(-1, 1, 1, 1)).contiguous();
        w.Dispose();
        var oldBias = conv.Bias;
        conv.Bias = oldBias is null ? tensor(shift) : oldBias * s + tensor(shift);
        oldBias?.Dispose();
    }

    private static (float[] Scale, float[] Shift) BatchNormAffine(TfjsLayersBundle bundle, string name, JsonObject cfg)
    {
        double eps = cfg["epsilon"]?.GetValue<double>() ?? 1e-3;
        bool center = cfg["center"]?.GetValue<bool>() ?? true, scaleOn = cfg["scale"]?.GetValue<bool>() ?? true;
        var mean = Weight(bundle, name + "/moving_mean").Values;
        var variance = Weight(bundle, name + "/moving_variance").Values;
        var gamma = scaleOn ? Weight(bundle, name + "/gamma").Values : null;
        var beta = center ? Weight(bundle, name + "/beta").Values : null;
        var scale = new float[mean.Length];
        var shift = new float[mean.Length];
        for (int c = 0; c < mean.Length; c++)
        {
            double g = (gamma?[c] ?? 1.0) / Math.Sqrt(variance[c] + eps);
            scale[c] = (float)g;
            shift[c] = (float)((beta?[c] ?? 0.0) - mean[c] * g);
        }
        return (scale, shift);
    }

    private static void RequireLinear(JsonObject cfg, string name)
    {
        string act = cfg["activation"]?.GetValue<string>() ?? "linear";
        if (act != "linear") throw new InvalidDataException($"layer {name}: fused activation '{act}' is not supported");
    }

    private static TfjsWeight Weight(TfjsLayersBundle bundle, string name) =>
        bundle.Weights.TryGetValue(name, out var w) ? w : throw new InvalidDataException($"weight {name} is missing from the bundle");

    private static int[] Ints(JsonNode n) => ((JsonArray)n).Select(v => v!.GetValue<int>()).ToArray();

    private enum OpKind { Pad, Conv, Affine, Relu, Add, GlobalAvgPool, Flatten }

    private sealed class Op(string name, string[] inputs)
    {
        public string Name { get; } = name;
        public string[] Inputs { get; } = inputs;
        public OpKind Kind { get; set; }
        public long[]? Pad { get; set; }
        public Tensor? Weight { get; set; }
        public Tensor? Bias { get; set; }
        public long[] Stride { get; set; } = { 1, 1 };
        public long[] Padding { get; set; } = { 0, 0 };
        public long Groups { get; set; } = 1;
        public double? MaxValue { get; set; }
    }
}

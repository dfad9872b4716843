using HEPrune.Core.He;

namespace HEPrune.Core.Costs;

/// <summary>The operation kinds the calibration measures: the counted <see cref="OpKind"/> names plus two extras.</summary>
public static class CostKinds
{
    /// <summary>One rotation inside a hoisted batch (the batch time divided by the number of rotations).</summary>
    public const string RotHoisted = "RotHoisted";

    /// <summary>One channel crossing of a ciphertext: serialization plus deserialization.</summary>
    public const string Serialize = "Serialize";

    /// <summary>
    /// One CKKS bootstrap used as the refresh (<c>ckks.refresh: bootstrap</c>): the refresher drops its input to level 1, bootstraps and
    /// returns a top-level ciphertext, so its cost does not depend on the input level; measured at level 1 on bootstrapping presets only.
    /// </summary>
    public const string Bootstrap = "Bootstrap";

    /// <summary>Every kind, in measuring order. <see cref="OpKind.Refresh"/> is the client-aided round trip.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        nameof(OpKind.Add), nameof(OpKind.AddPlain), nameof(OpKind.Mult), nameof(OpKind.CMult), nameof(OpKind.Const),
        nameof(OpKind.IntConst), nameof(OpKind.Rot), RotHoisted, nameof(OpKind.Conj), nameof(OpKind.Drop),
        nameof(OpKind.Encrypt), nameof(OpKind.Decrypt), nameof(OpKind.Refresh), Serialize,
    ];

    /// <summary>Every kind a bootstrapping preset measures: <see cref="All"/> plus <see cref="Bootstrap"/> (declared after it: static initialisation order).</summary>
    public static IReadOnlyList<string> WithBootstrap { get; } = [.. All, Bootstrap];

    /// <summary>True when the kind consumes a level (it can only be measured at level ≥ 1).</summary>
    public static bool NeedsLevel(string kind) =>
        kind is nameof(OpKind.Mult) or nameof(OpKind.CMult) or nameof(OpKind.Const) or nameof(OpKind.Drop);
}

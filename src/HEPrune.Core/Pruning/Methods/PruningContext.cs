using HEPrune.Core.He;

namespace HEPrune.Core.Pruning.Methods;

/// <summary>What a pruning method needs from the server at a pruning epoch.</summary>
/// <param name="Evaluator">Server-side evaluator.</param>
/// <param name="Data">The full encrypted training set.</param>
/// <param name="Classes">Number of real classes c.</param>
/// <param name="Forward">The trainer's forward pass (needed by scoring methods).</param>
/// <param name="Exchange">The client-aided masking round trip (needed by client-aided methods).</param>
public sealed record PruningContext(IHeEvaluator Evaluator, EncryptedDataset Data, int Classes, IForwardPass? Forward = null, CamExchange? Exchange = null);

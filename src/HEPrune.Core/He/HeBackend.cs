namespace HEPrune.Core.He;

/// <summary>
/// The three parts one backend provides: the server-side evaluator, the client-side key holder and the codec the
/// channel uses. The protocol hands the evaluator to the server and the client to the client, never both to one party.
/// </summary>
/// <param name="Name">Backend name written into results ("emulated", "ckks").</param>
/// <param name="Evaluator">Server-side evaluator (public keys only).</param>
/// <param name="Client">Client-side encryptor/decryptor (secret key).</param>
/// <param name="Codec">Ciphertext serializer and wire-size model.</param>
public sealed record HeBackend(string Name, IHeEvaluator Evaluator, IHeClient Client, ICiphertextCodec Codec);

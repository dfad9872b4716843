using System.Numerics;

namespace HEPrune.Core.He;

/// <summary>
/// The server-side homomorphic evaluator every HETAL/HEPrune circuit is written against. It holds only public
/// (evaluation) keys; it can neither encrypt at will nor decrypt.
/// </summary>
/// <remarks>
/// Level rules (as in RNS-CKKS): <see cref="Multiply"/>, <see cref="Square"/>, <see cref="MultiplyPlain"/> and a
/// non-integer <see cref="MultiplyConst(HeCiphertext, Complex)"/> relinearize where needed and rescale, consuming
/// exactly one level; additions, rotations, conjugation and Gaussian-integer constants are free. Binary operations
/// on operands at different levels work at the lower level (the higher one is dropped for free). Every call is
/// recorded in <see cref="Counter"/> at the (minimum) input level. All methods return a new ciphertext and leave
/// their inputs unchanged.
/// </remarks>
public interface IHeEvaluator
{
    /// <summary>The parameter shape (slots, modulus chain, default scale).</summary>
    HeParameters Parameters { get; }

    /// <summary>Number of complex slots per ciphertext.</summary>
    int Slots { get; }

    /// <summary>The operation counter all calls are recorded into.</summary>
    OpCounter Counter { get; }

    /// <summary>The refresher <see cref="Refresh"/> delegates to (bootstrapping or client-aided), or null if none.</summary>
    IRefresher? Refresher { get; set; }

    /// <summary>Returns a + b.</summary>
    HeCiphertext Add(HeCiphertext a, HeCiphertext b);

    /// <summary>Returns a − b.</summary>
    HeCiphertext Sub(HeCiphertext a, HeCiphertext b);

    /// <summary>Returns −a.</summary>
    HeCiphertext Negate(HeCiphertext a);

    /// <summary>Returns a + p for a plaintext slot vector p (free).</summary>
    HeCiphertext AddPlain(HeCiphertext a, SlotVector p);

    /// <summary>Returns a − p for a plaintext slot vector p (free).</summary>
    HeCiphertext SubPlain(HeCiphertext a, SlotVector p);

    /// <summary>Returns a + c in every slot (free).</summary>
    HeCiphertext AddConst(HeCiphertext a, Complex c);

    /// <summary>Returns a ⊙ p for a plaintext slot vector p; consumes one level (CMult).</summary>
    HeCiphertext MultiplyPlain(HeCiphertext a, SlotVector p);

    /// <summary>Returns c·a. Free when c is a Gaussian integer (IntConst), otherwise one level (Const).</summary>
    HeCiphertext MultiplyConst(HeCiphertext a, Complex c);

    /// <summary>Returns a ⊙ b with relinearization and rescale; consumes one level (Mult).</summary>
    HeCiphertext Multiply(HeCiphertext a, HeCiphertext b);

    /// <summary>Returns a ⊙ a; consumes one level (counted as Mult).</summary>
    HeCiphertext Square(HeCiphertext a);

    /// <summary>Returns the slots rotated left by k (k &gt; 0) or right by −k (k &lt; 0); needs the key for k.</summary>
    HeCiphertext Rotate(HeCiphertext a, int k);

    /// <summary>Returns one rotation of a per step, sharing the key-switch decomposition (counted as one Rot per non-zero step).</summary>
    HeCiphertext[] RotateHoisted(HeCiphertext a, ReadOnlySpan<int> steps);

    /// <summary>Returns the complex conjugate of every slot; needs the conjugation key.</summary>
    HeCiphertext Conjugate(HeCiphertext a);

    /// <summary>Returns a at the lower level <paramref name="targetLevel"/> without changing its message (Drop).</summary>
    HeCiphertext DropLevel(HeCiphertext a, int targetLevel);

    /// <summary>Returns a refreshed to the top level via <see cref="Refresher"/> (counted as Refresh at a's level).</summary>
    /// <exception cref="InvalidOperationException">No refresher is configured or a is below its minimum input level.</exception>
    HeCiphertext Refresh(HeCiphertext a);
}
